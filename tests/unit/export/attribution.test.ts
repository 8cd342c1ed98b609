import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTRIBUTION_TEMPLATE, parseTemplate, renderAttribution, templateFields, type AttributionValues } from '../../../shared/export/attribution';
import { DyadError } from '../../../shared/api/errors';

const full: AttributionValues = {
  role: 'client',
  dyad: '4',
  session: '1',
  sessionTime: '00:12:34',
  interviewTime: '00:03:10',
  speaker: 'C',
  coder: 'Ana',
  date: '2024-03-05',
  attributes: { Modality: 'online', age: '34' },
};
const render = (template: string, values: AttributionValues = full) => renderAttribution(parseTemplate(template), values);

describe('attribution templates', () => {
  it('renders the default exactly as a write-up quotes it', () => {
    expect(render(DEFAULT_ATTRIBUTION_TEMPLATE)).toBe('(client, dyad 4, session 1, 00:12:34)');
  });

  it('drops a field without a value together with its separator and label', () => {
    expect(render(DEFAULT_ATTRIBUTION_TEMPLATE, { ...full, sessionTime: null })).toBe('(client, dyad 4, session 1)');
    expect(render(DEFAULT_ATTRIBUTION_TEMPLATE, { ...full, dyad: '' })).toBe('(client, session 1, 00:12:34)');
    // The first field: its label goes, the opening bracket stays, the next field's separator is not left dangling.
    expect(render(DEFAULT_ATTRIBUTION_TEMPLATE, { ...full, role: null })).toBe('(dyad 4, session 1, 00:12:34)');
    expect(render('(Dyad {dyad}; {role})', { ...full, dyad: null })).toBe('(client)');
    expect(render(DEFAULT_ATTRIBUTION_TEMPLATE, { ...full, role: null, sessionTime: null })).toBe('(dyad 4, session 1)');
  });

  it('leaves nothing at all, not "()", when no field has a value', () => {
    expect(render(DEFAULT_ATTRIBUTION_TEMPLATE, {})).toBe('');
    expect(render('[{speaker}]', { speaker: '  ' })).toBe('');
  });

  it('treats white-space-only values as missing and trims values', () => {
    expect(render('({speaker}, {coder})', { speaker: ' ', coder: ' Ana ' })).toBe('(Ana)');
  });

  it('orders fields as the template does and keeps other separators', () => {
    expect(render('{speaker} — dyad {dyad} · {date} · {interviewTime}')).toBe('C — dyad 4 · 2024-03-05 · 00:03:10');
    expect(render('{speaker} — dyad {dyad} · {date} · {interviewTime}', { ...full, date: null })).toBe('C — dyad 4 · 00:03:10');
    expect(render('“{coder}”')).toBe('“Ana”');
  });

  it('reads dyad attributes by name, ignoring case', () => {
    expect(render('({role}, {attributes.modality}, age {attributes.Age})')).toBe('(client, online, age 34)');
    expect(render('({role}, {attributes.clinic})')).toBe('(client)');
  });

  it('allows literal braces written twice', () => {
    expect(render('{{{dyad}}}')).toBe('{4}');
  });

  it('refuses unknown fields and unbalanced braces with a message naming them', () => {
    const err = (t: string) => {
      try {
        parseTemplate(t);
      } catch (e) {
        expect(e).toBeInstanceOf(DyadError);
        return (e as DyadError).message;
      }
      throw new Error('no error');
    };
    expect(err('({role}, {clinic})')).toMatch(/unknown field \{clinic\}.*\{sessionTime\}/);
    expect(err('(dyad {dyad')).toMatch(/never closed/);
    expect(err('dyad }')).toMatch(/without its "\{"/);
    expect(err('x'.repeat(501))).toMatch(/longer than 500/);
  });

  it('lists the fields a template names, in order', () => {
    expect(templateFields(DEFAULT_ATTRIBUTION_TEMPLATE)).toEqual(['role', 'dyad', 'session', 'sessionTime']);
    expect(templateFields('{attributes.age} {coder}')).toEqual(['attributes.age', 'coder']);
  });
});

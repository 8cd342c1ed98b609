import { describe, expect, it } from 'vitest';
import { formatTime, parseTime } from '../../../shared/import/time';

describe('parseTime', () => {
  it.each([
    ['00:12:34', 754],
    ['12:34', 754],
    ['1:02:03', 3723],
    ['2:05', 125],
    ['75:20', 4520],
    ['12:34.5', 754.5],
    ['00:00:01,250', 1.25],
    ['754', 754],
    [' 0:00 ', 0],
  ])('reads %s as %d seconds', (s, n) => {
    expect(parseTime(s)).toBeCloseTo(n, 6);
  });

  it.each([
    ['11:02:09 AM', 11 * 3600 + 129],
    ['11:02 p.m.', 23 * 3600 + 120],
    ['11:02am', 11 * 3600 + 120],
    ['12:30 AM', 1800],
    ['12:15:00 PM', 12 * 3600 + 900],
    ['1:05:30\u00a0PM', 13 * 3600 + 330],
  ])('reads the 12-hour time of day %s as %d seconds since midnight', (s, n) => {
    expect(parseTime(s)).toBe(n);
  });

  it.each(['13:00 PM', '0:30 AM', '11 AM', 'AM'])('refuses the 12-hour clock %j', (s) => {
    expect(parseTime(s)).toBeNull();
  });

  it.each(['', 'abc', '12:75', '1:60:00', '12:3', '1:2:3', '12:34:56:78', '-5', '12 34'])('refuses %j', (s) => {
    expect(parseTime(s)).toBeNull();
  });
});

describe('formatTime', () => {
  it('writes zero-padded hh:mm:ss', () => {
    expect(formatTime(754)).toBe('00:12:34');
    expect(formatTime(3723)).toBe('01:02:03');
    expect(formatTime(0)).toBe('00:00:00');
    expect(formatTime(100 * 3600 + 5)).toBe('100:00:05');
  });

  it('cuts fractions the way a player shows position', () => {
    expect(formatTime(754.9)).toBe('00:12:34');
  });

  it('shows nonsense input as zero rather than throwing', () => {
    expect(formatTime(-3)).toBe('00:00:00');
    expect(formatTime(Number.NaN)).toBe('00:00:00');
  });

  it('round-trips with parseTime', () => {
    for (const s of [0, 59, 60, 754, 3599, 3600, 86399]) expect(parseTime(formatTime(s))).toBe(s);
  });
});

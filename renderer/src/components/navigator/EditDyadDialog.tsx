import { useMemo, useRef, useState } from 'react';
import { useStore } from '../../store';
import { dyadTitle } from '../../util/names';
import { PlusIcon, TrashIcon } from '../coding/icons';
import { useFocusLater } from '../coding/useFocusLater';
import { Modal } from '../common/Modal';
import { FormDialog } from '../common/FormDialog';
import { useDialogAction } from '../common/useDialogAction';
import { attributesOf, newRow, rowsOf, type AttributeRow } from './attributeRows';

/** Rename a dyad and set its attributes (modality, setting, clinic…), the groups a study compares. */
export function EditDyadDialog({ dyadId, onClose }: { dyadId: string; onClose(): void }) {
  const tree = useStore((s) => s.tree);
  const dyad = tree.find((d) => d.id === dyadId);
  const [name, setName] = useState(dyad?.name ?? '');
  const [rows, setRows] = useState<AttributeRow[]>(() => {
    const r = rowsOf(dyad?.attributes ?? {});
    return r.length ? r : [newRow()];
  });
  const [badRow, setBadRow] = useState<number | null>(null);
  const { busy, problem, setProblem, run } = useDialogAction();
  const nameRef = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  useFocusLater(nameRef);

  // What other dyads already use, offered while typing so the same attribute is spelled the same way everywhere.
  const known = useMemo(() => {
    const names = new Map<string, Set<string>>();
    for (const d of tree) for (const [k, v] of Object.entries(d.attributes)) (names.get(k) ?? names.set(k, new Set()).get(k)!).add(v);
    return names;
  }, [tree]);
  const clash = tree.find((d) => d.id !== dyadId && d.name.trim().toLowerCase() === name.trim().toLowerCase());

  if (!dyad) {
    return (
      <Modal
        title="Edit dyad"
        onClose={onClose}
        footer={
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        }
      >
        <p className="muted">This dyad is no longer in the project.</p>
      </Modal>
    );
  }

  const change = (key: number, patch: Partial<AttributeRow>) => {
    setBadRow(null);
    setProblem(null);
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  };
  const add = () => {
    setRows((rs) => [...rs, newRow()]);
    requestAnimationFrame(() => list.current?.querySelector<HTMLInputElement>('.attr-row:last-child input')?.focus());
  };
  const remove = (key: number) => {
    setBadRow(null);
    setProblem(null);
    setRows((rs) => rs.filter((r) => r.key !== key));
  };

  const save = async () => {
    if (!name.trim()) {
      setProblem('A dyad needs a name, such as its pseudonymous id (“10”, “D04”).');
      return;
    }
    if (clash) {
      setProblem(`There is already a dyad named “${clash.name}”.`);
      return;
    }
    const parsed = attributesOf(rows);
    if ('problem' in parsed) {
      setBadRow(parsed.rowKey);
      setProblem(parsed.problem);
      return;
    }
    await run(async () => {
      const s = useStore.getState();
      await s.updateDyad({ dyadId, name: name.trim(), attributes: parsed.attributes });
      s.notify('success', `Saved ${dyadTitle(name.trim())}.`);
      onClose();
    });
  };

  return (
    <FormDialog
      title={`Edit ${dyadTitle(dyad.name)}`}
      onClose={onClose}
      problem={problem}
      submitLabel="Save"
      disabled={busy}
      onSubmit={() => void save()}
    >
      <div className="form__field">
        <label className="form__label" htmlFor="dyad-name">
          Name
        </label>
        <input
          ref={nameRef}
          id="dyad-name"
          className={`input${clash ? ' is-invalid' : ''}`}
          value={name}
          maxLength={200}
          aria-describedby="dyad-name-help"
          onChange={(e) => {
            setProblem(null);
            setName(e.target.value);
          }}
        />
        <span id="dyad-name-help" className={clash ? 'text-error' : 'form__help'}>
          {clash
            ? `There is already a dyad named “${clash.name}”.`
            : `Shown as “${dyadTitle(name.trim() || '…')}”. Use the study's pseudonymous id, never a participant's name.`}
        </span>
      </div>
      <fieldset className="form__field attr-fieldset">
        <legend className="form__label">Attributes</legend>
        <p className="form__help">What the study compares dyads by, e.g. modality: CBT, setting: online. Exports and queries can group by them.</p>
        <div className="attr-rows" ref={list}>
          <div className="attr-row attr-row--head" aria-hidden="true">
            <span>Attribute</span>
            <span>Value</span>
            <span />
          </div>
          {rows.map((r, i) => (
            <div key={r.key} className="attr-row">
              <input
                className={`input${badRow === r.key ? ' is-invalid' : ''}`}
                aria-label={`Attribute ${i + 1} name`}
                value={r.name}
                maxLength={200}
                placeholder="modality"
                list="dyad-attr-names"
                onChange={(e) => change(r.key, { name: e.target.value })}
              />
              <input
                className={`input${badRow === r.key ? ' is-invalid' : ''}`}
                aria-label={r.name.trim() ? `Value of ${r.name.trim()}` : `Attribute ${i + 1} value`}
                value={r.value}
                maxLength={2000}
                placeholder="CBT"
                list={known.has(r.name.trim()) ? `dyad-attr-values-${r.key}` : undefined}
                onChange={(e) => change(r.key, { value: e.target.value })}
              />
              <button type="button" className="icon-btn" aria-label={`Remove attribute ${r.name.trim() || i + 1}`} title="Remove this attribute" onClick={() => remove(r.key)}>
                <TrashIcon size={13} />
              </button>
              {known.has(r.name.trim()) ? (
                <datalist id={`dyad-attr-values-${r.key}`}>
                  {[...known.get(r.name.trim())!].map((v) => (
                    <option key={v} value={v} />
                  ))}
                </datalist>
              ) : null}
            </div>
          ))}
        </div>
        <div>
          <button type="button" className="btn btn--small" onClick={add}>
            <PlusIcon size={12} /> Add attribute
          </button>
        </div>
        <datalist id="dyad-attr-names">
          {[...known.keys()].map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
      </fieldset>
      {/* Enter in a field saves, as in the other dialogs. */}
      <button type="submit" hidden />
    </FormDialog>
  );
}

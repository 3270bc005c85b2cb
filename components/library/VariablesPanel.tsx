'use client';
/**
 * The editor text's {{NAME}} placeholders as fields, the text rendered through POST /render
 * as they change (debounced), and the open form's saved variable sets.
 */
import { useEffect, useMemo, useState } from 'react';
import { buttonClass } from '@/components/ui/Dialog';
import type { RenderAnswer } from '@/lib/library/client';
import { placeholders } from '@/lib/library/templates';
import type { Variant } from '@/lib/library/templates';
import type { VariableSet } from '@/lib/library/types';
import { usePlaygroundStore } from '@/lib/ui/playground-store';
import { authorized, errorText, library } from './api';
import { useDebounced } from './useDebounced';

const input = 'w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-800';
const small = `${buttonClass.secondary} !px-2 !py-0.5 text-xs`;

export function VariablesPanel() {
  const source = usePlaygroundStore((s) => s.source);
  const formId = usePlaygroundStore((s) => s.openForm?.id ?? null);
  const names = useMemo(() => placeholders(source), [source]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [variant, setVariant] = useState<Variant>('default');
  const [rendered, setRendered] = useState<RenderAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [setsOf, setSetsOf] = useState<{ formId: number; sets: VariableSet[] } | null>(null);
  const sets = setsOf !== null && setsOf.formId === formId ? setsOf.sets : [];
  const [setName, setSetName] = useState('');
  const [setsNote, setSetsNote] = useState<string | null>(null);

  // the .bw variant is a sibling form in the library, so it renders the saved form by id
  const byForm = variant === 'bw' && formId !== null;
  const request = useDebounced(
    useMemo(
      () => ({
        input: byForm && formId !== null ? { form_id: formId } : { source },
        variables: Object.fromEntries(names.map((n) => [n, values[n] ?? ''])),
        variant,
      }),
      [byForm, formId, source, names, values, variant],
    ),
    300,
  );

  useEffect(() => {
    let live = true;
    void library.render(request.input, request.variables, request.variant).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setRendered(null);
        return setError(errorText(r.error));
      }
      setError(null);
      setRendered(r.value);
    });
    return () => {
      live = false;
    };
  }, [request]);

  useEffect(() => {
    if (formId === null) return;
    let live = true;
    void library.variableSets(formId).then((r) => {
      if (live && r.ok) setSetsOf({ formId, sets: r.value });
    });
    return () => {
      live = false;
    };
  }, [formId]);

  async function saveSet() {
    if (formId === null || setName.trim() === '') return;
    const vars = Object.fromEntries(names.map((n) => [n, values[n] ?? '']));
    const r = await authorized(() => library.saveVariableSet(formId, setName.trim(), vars));
    if (!r.ok) return setSetsNote(errorText(r.error));
    setSetsNote(`Saved “${r.value.name}”`);
    setSetsOf({ formId, sets: [...sets.filter((s) => s.name !== r.value.name), r.value].sort((a, b) => a.name.localeCompare(b.name)) });
  }

  function loadSet(name: string) {
    const set = sets.find((s) => s.name === name);
    if (!set) return;
    // byte arrays are shown as the text the field edits: comma-separated numbers are sent back as text
    setValues(Object.fromEntries(Object.entries(set.variables).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v])));
    setSetName(set.name);
  }

  return (
    <section className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700" aria-label="Template variables" data-testid="variables-panel">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="mr-auto text-sm font-semibold">Variables</h2>
        {formId !== null && (
          <label className="text-xs">
            Variant{' '}
            <select
              className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-600 dark:bg-slate-800"
              value={variant}
              onChange={(e) => setVariant(e.target.value as Variant)}
            >
              <option value="default">default</option>
              <option value="bw">.bw (low colour)</option>
            </select>
          </label>
        )}
      </div>
      {names.length === 0 ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">No {'{{NAME}}'} placeholders in the text.</p>
      ) : (
        <div className="grid gap-2 sm:grid-cols-2">
          {names.map((n) => (
            <label key={n} className="block text-xs">
              <span className="font-mono">{n}</span>
              <input className={input} value={values[n] ?? ''} onChange={(e) => setValues({ ...values, [n]: e.target.value })} data-testid={`variable-${n}`} />
            </label>
          ))}
        </div>
      )}
      {formId !== null && (
        <div className="flex flex-wrap items-center gap-2 text-xs">
          {sets.length > 0 && (
            <select
              className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800"
              value=""
              onChange={(e) => loadSet(e.target.value)}
              aria-label="Load a saved set"
            >
              <option value="">Load a saved set…</option>
              {sets.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
          <input
            className={`${input} !w-32`}
            placeholder="set name"
            value={setName}
            maxLength={128}
            onChange={(e) => setSetName(e.target.value)}
            aria-label="Name of the variable set"
          />
          <button type="button" className={small} onClick={() => void saveSet()} disabled={setName.trim() === ''}>
            Save set
          </button>
          {setsNote && <span className="text-slate-500 dark:text-slate-400">{setsNote}</span>}
        </div>
      )}
      {error && (
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-2 text-xs text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
          data-testid="render-error"
        >
          {error}
        </p>
      )}
      {rendered && (
        <div>
          <p className="mb-1 text-xs text-slate-500 dark:text-slate-400">
            Rendered{rendered.form ? ` from the saved ${rendered.form.name} v${rendered.form.version}` : ''} ({rendered.output.length} bytes
            {rendered.unused.length ? `; unused: ${rendered.unused.join(', ')}` : ''})
          </p>
          <pre
            className="max-h-64 overflow-auto whitespace-pre rounded border border-slate-200 bg-slate-50 p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
            data-testid="rendered"
          >
            {rendered.output}
          </pre>
        </div>
      )}
    </section>
  );
}

'use client';
/**
 * The FDO source editor: CodeMirror 6 with the FDO language, completion, hover, live
 * diagnostics (given by the caller from the worker), folding, bracket matching,
 * indentation guides and the line linked to the hex view.
 */
import { closeBrackets, closeBracketsKeymap, completionKeymap, snippet } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, foldGutter, foldKeymap, indentOnInput, indentUnit } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorSelection, EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import type { LiveError } from '@/lib/editor/analyze';
import { fdoCaretHover, fdoCompletion, fdoHover, indentationGuides, linkedLine, setLinkedLine } from './fdo-extensions';
import { fdoLanguage } from './fdo-language';
import './editor.css';

export interface FdoEditorHandle {
  /** puts the caret at a 1-based line and column, scrolls there and focuses the editor */
  focusAt(line: number, column: number): void;
  /** selects a whole 1-based line (clicking a byte selects its atom's line) */
  selectLine(line: number): void;
  /** inserts an argument template (snippet syntax) on a new line after the caret's line */
  insertTemplate(template: string): void;
}

interface Props {
  /**
   * the text; when it differs from what the editor last reported, it replaces the document.
   * null while the page hydrates (the stored text is not known yet): the editor is made
   * when the first text arrives, with that text, so a 50 KB stored form is laid out once
   * instead of an empty editor first and the whole document replaced a moment later.
   */
  value: string | null;
  onChange(value: string): void;
  onSubmit(): void;
  /** the live compile's error for the current text, or null */
  error: LiveError | null;
  /** the line the hex view points at */
  linked: number | null;
  /** the 1-based line under the mouse (null when it leaves) */
  onHoverLine(line: number | null): void;
  /** the caret's 1-based line, as it moves */
  onCaretLine(line: number): void;
}

function diagnosticFor(state: EditorState, e: LiveError): Diagnostic {
  const doc = state.doc;
  const lineNo = Math.min(Math.max(e.line ?? 1, 1), doc.lines);
  const line = doc.line(lineNo);
  const from = Math.min(line.from + Math.max((e.column ?? 1) - 1, 0), line.to);
  const word = /^[^\s<>,|";]+/.exec(line.text.slice(from - line.from))?.[0].length ?? 0;
  const to = Math.min(line.to, from + Math.max(word, 1));
  return {
    from,
    to: to > from ? to : Math.min(doc.length, from + 1),
    severity: 'error',
    source: e.kind,
    message: `${e.kind}: ${e.message}${e.hint ? `\nHint: ${e.hint}` : ''}`,
  };
}

export const FdoEditor = forwardRef<FdoEditorHandle, Props>(function FdoEditor(props, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const reported = useRef<string | null>(props.value);
  const latest = useRef(props);
  latest.current = props;
  const ready = props.value !== null;

  useEffect(() => {
    if (!ready) return;
    const doc = latest.current.value ?? '';
    reported.current = doc;
    const state = EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        foldGutter(),
        lintGutter(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentUnit.of('  '),
        indentOnInput(),
        bracketMatching({ brackets: '<>' }),
        closeBrackets(),
        highlightActiveLine(),
        fdoLanguage(),
        fdoCompletion,
        fdoHover,
        fdoCaretHover,
        indentationGuides,
        linkedLine,
        keymap.of([
          { key: 'Mod-Enter', run: () => (latest.current.onSubmit(), true) },
          ...closeBracketsKeymap,
          ...completionKeymap,
          ...foldKeymap,
          ...historyKeymap,
          ...defaultKeymap,
          indentWithTab,
        ]),
        EditorView.contentAttributes.of({
          'aria-label': 'FDO source',
          'data-testid': 'source-editor',
          spellcheck: 'false',
          autocorrect: 'off',
          autocapitalize: 'off',
        }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) {
            const text = u.state.doc.toString();
            // a text set from outside (props.value) is not reported back as an edit
            if (text !== reported.current) {
              reported.current = text;
              latest.current.onChange(text);
            }
          }
          if (u.selectionSet || u.docChanged) latest.current.onCaretLine(u.state.doc.lineAt(u.state.selection.main.head).number);
        }),
        EditorView.domEventHandlers({
          mousemove(event, v) {
            const pos = v.posAtCoords({ x: event.clientX, y: event.clientY });
            latest.current.onHoverLine(pos === null ? null : v.state.doc.lineAt(pos).number);
          },
          mouseleave() {
            latest.current.onHoverLine(null);
          },
        }),
      ],
    });
    const v = new EditorView({ state, parent: host.current! });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // the editor is made once, when the first text arrives; later props arrive through the effects below
  }, [ready]);

  // a new text from outside (an example, a decompiled binary, the stored source)
  useEffect(() => {
    const v = view.current;
    if (!v || props.value === null || props.value === reported.current) return;
    reported.current = props.value;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: props.value }, selection: EditorSelection.cursor(0) });
  }, [props.value]);

  // no diagnostics before and after (most keystrokes) needs no transaction
  const hadError = useRef(false);
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const has = props.error !== null && props.error.line !== null;
    if (!has && !hadError.current) return;
    hadError.current = has;
    v.dispatch(setDiagnostics(v.state, has ? [diagnosticFor(v.state, props.error!)] : []));
  }, [props.error]);

  useEffect(() => {
    view.current?.dispatch({ effects: setLinkedLine.of(props.linked) });
  }, [props.linked]);

  useImperativeHandle(ref, () => ({
    focusAt(line, column) {
      const v = view.current;
      if (!v) return;
      const l = v.state.doc.line(Math.min(Math.max(line, 1), v.state.doc.lines));
      const at = Math.min(l.from + Math.max(column - 1, 0), l.to);
      v.dispatch({ selection: EditorSelection.cursor(at), scrollIntoView: true });
      v.focus();
    },
    selectLine(line) {
      const v = view.current;
      if (!v) return;
      const l = v.state.doc.line(Math.min(Math.max(line, 1), v.state.doc.lines));
      const start = l.from + (/^\s*/.exec(l.text)?.[0].length ?? 0);
      v.dispatch({ selection: EditorSelection.range(start, l.to), effects: EditorView.scrollIntoView(l.from, { y: 'center' }) });
      v.focus();
    },
    insertTemplate(template) {
      const v = view.current;
      if (!v) return;
      const line = v.state.doc.lineAt(v.state.selection.main.head);
      const indent = /^\s*/.exec(line.text)?.[0] ?? '';
      const blank = line.text.trim() === '';
      const at = blank ? line.from : line.to;
      if (!blank) v.dispatch({ changes: { from: at, insert: '\n' } });
      const from = blank ? at : at + 1;
      if (!blank && indent) v.dispatch({ changes: { from, insert: indent } });
      snippet(template)(v, null, from + (blank ? 0 : indent.length), from + (blank ? line.length : indent.length));
      v.focus();
    },
  }));

  return (
    <div
      ref={host}
      className="fdo-editor h-[26rem] overflow-hidden rounded-lg border border-slate-300 bg-white sm:h-[32rem] dark:border-slate-700 dark:bg-slate-900"
    />
  );
});

/**
 * The editor's behaviour beyond the language: completion (atom names with an argument
 * template; inside `< >` the names the value allows), hover facts, indentation guides,
 * and the line linked to the hex view (hovered or selected bytes).
 */
import { autocompletion, snippetCompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { StateEffect, StateField, type EditorState, type Extension, type Range } from '@codemirror/state';
import { Decoration, EditorView, hoverTooltip, keymap, showTooltip, ViewPlugin, type DecorationSet, type Tooltip, type ViewUpdate } from '@codemirror/view';
import { completeAtomNames, completeValue, completionContextAt } from '@/lib/editor/completion';
import { hoverAt } from '@/lib/editor/hover';

function atomOptions(query: string): Completion[] {
  return completeAtomNames(query, 150).map((c, i) =>
    snippetCompletion(c.template, {
      label: c.name,
      detail: `${c.protocol}/${c.atom} ${c.type}`,
      info: c.detail,
      type: 'function',
      boost: 99 - Math.min(i, 198) / 2,
    }),
  );
}

function fdoCompletions(context: CompletionContext): CompletionResult | null {
  const line = context.state.doc.lineAt(context.pos);
  const where = completionContextAt(line.text, context.pos - line.from);
  if (where.kind === 'none') return null;
  if (where.kind === 'atom' && where.query === '' && !context.explicit) return null;
  // typing inside a word (fixing a typo) is not the start of a new name: only Ctrl+Space completes there
  const after = line.text.charAt(context.pos - line.from);
  if (!context.explicit && after !== '' && !/[\s<>,|";]/.test(after)) return null;
  const from = line.from + where.from;
  if (where.kind === 'atom') return { from, options: atomOptions(where.query), filter: false };
  const names = completeValue(where.atom, where.field, where.query);
  if (names.length === 0) return null;
  return {
    from,
    filter: false,
    options: names.map((v, i) => ({ label: v.name, detail: `${v.kind} ${v.value}`, type: 'enum', boost: 99 - Math.min(i, 198) / 2 })),
  };
}

export const fdoCompletion: Extension = autocompletion({ override: [fdoCompletions], activateOnTyping: true, icons: false });

/** The hover card for `h` (an atom's facts or a value name's number). */
function hoverCard(h: NonNullable<ReturnType<typeof hoverAt>>): { dom: HTMLElement } {
  const dom = document.createElement('div');
  dom.className = 'cm-fdo-hover';
  dom.setAttribute('data-testid', 'hover-card');
  const title = document.createElement('strong');
  title.textContent = h.name;
  dom.append(title);
  const facts = document.createElement('div');
  if (h.kind === 'atom') {
    facts.textContent = `protocol ${h.protocol}, atom ${h.atom}, type ${h.type}${h.flags.length ? `, ${h.flags.join(', ')}` : ''}`;
    const arg = document.createElement('div');
    arg.className = 'cm-fdo-hover-arg';
    arg.textContent = h.argument;
    dom.append(facts, arg);
  } else {
    facts.textContent = `${h.valueKind} of ${h.atom}: ${h.value} (0x${h.value.toString(16)})`;
    dom.append(facts);
  }
  return { dom };
}

function tooltipAt(state: EditorState, pos: number): Tooltip | null {
  const line = state.doc.lineAt(pos);
  // at the end of a word the caret is just after it: look one character back too
  const h = hoverAt(line.text, pos - line.from) ?? (pos > line.from ? hoverAt(line.text, pos - line.from - 1) : null);
  if (!h) return null;
  return { pos: line.from + h.from, end: line.from + h.to, above: true, create: () => hoverCard(h) };
}

/** Hover: an atom's protocol, number, type, flags and argument; an enum name's number. */
export const fdoHover: Extension = hoverTooltip((view, pos) => tooltipAt(view.state, pos), { hoverTime: 250 });

/** The same card for keyboard users: Alt-i shows it for the word at the caret, Escape or moving hides it. */
const showCaretCard = StateEffect.define<Tooltip | null>();
const caretCard = StateField.define<Tooltip | null>({
  create: () => null,
  update(card, tr) {
    for (const e of tr.effects) if (e.is(showCaretCard)) return e.value;
    return tr.docChanged || tr.selection ? null : card;
  },
  provide: (f) => showTooltip.from(f),
});

export const fdoCaretHover: Extension = [
  caretCard,
  keymap.of([
    { key: 'Alt-i', run: (view) => (view.dispatch({ effects: showCaretCard.of(tooltipAt(view.state, view.state.selection.main.head)) }), true) },
    { key: 'Escape', run: (view) => (view.state.field(caretCard) ? (view.dispatch({ effects: showCaretCard.of(null) }), true) : false) },
  ]),
];

/** Indentation guides: a class per level of leading spaces (two a level), drawn in editor.css. */
const MAX_GUIDES = 16;
function guideDecorations(view: EditorView): DecorationSet {
  const marks: Range<Decoration>[] = [];
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to;) {
      const line = view.state.doc.lineAt(pos);
      let n = 0;
      while (n < line.length && line.text.charCodeAt(n) === 32) n++;
      const levels = Math.min(MAX_GUIDES, n >> 1);
      if (levels > 0 && n < line.length) marks.push(Decoration.line({ class: `cm-guides-${levels}` }).range(line.from));
      pos = line.to + 1;
    }
  }
  return Decoration.set(marks);
}

export const indentationGuides: Extension = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = guideDecorations(view);
    }
    update(u: ViewUpdate) {
      if (u.docChanged || u.viewportChanged) this.decorations = guideDecorations(u.view);
    }
  },
  { decorations: (p) => p.decorations },
);

/** The 1-based line the hex view points at (hovered or clicked bytes), or null. */
export const setLinkedLine = StateEffect.define<number | null>();

export const linkedLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) {
      if (!e.is(setLinkedLine)) continue;
      if (e.value === null || e.value < 1 || e.value > tr.state.doc.lines) return Decoration.none;
      return Decoration.set([Decoration.line({ class: 'cm-fdo-linked', attributes: { 'data-linked': 'true' } }).range(tr.state.doc.line(e.value).from)]);
    }
    return tr.docChanged ? deco.map(tr.changes) : deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

import { autocompletion, closeBrackets } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { PostgreSQL, sql } from '@codemirror/lang-sql';
import { bracketMatching, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';

const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--bg)', color: 'var(--fg)', fontSize: '12.5px' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--fg)' },
  '.cm-gutters': { backgroundColor: 'var(--bg-alt)', color: 'var(--fg-muted)', border: 'none' },
  '&.cm-focused': { outline: '2px solid var(--focus)' },
  '.cm-activeLine': { backgroundColor: 'transparent' },
});

/**
 * SQL colours from CSS variables (styles.css), so they follow the light and dark themes; CodeMirror's
 * default style is made for a white page only (its purple keywords are unreadable on a dark one).
 */
const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--code-keyword)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--code-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--code-number)' },
  { tag: tags.comment, color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.standard(tags.name)], color: 'var(--code-type)' },
  { tag: tags.special(tags.name), color: 'var(--code-param)' },
  { tag: tags.invalid, color: 'var(--bad)' },
]);

/**
 * A CodeMirror 6 SQL editor (PostgreSQL dialect). CodeMirror owns its DOM; React only creates it
 * once, pushes outside changes in, and hears edits back. Tab indents; Esc then Tab leaves the editor.
 */
export function SqlEditor({
  value,
  onChange,
  label,
  invalid,
  describedBy,
}: {
  value: string;
  onChange: (v: string) => void;
  label: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const attrs = useRef(new Compartment());
  const changeRef = useRef(onChange);
  changeRef.current = onChange;

  // biome-ignore lint/correctness/useExhaustiveDependencies: created once; value and attributes are synced by the effects below.
  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          history(),
          bracketMatching(),
          closeBrackets(),
          autocompletion(),
          sql({ dialect: PostgreSQL, upperCaseKeywords: true }),
          syntaxHighlighting(highlight),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          placeholder('SELECT …'),
          EditorView.lineWrapping,
          theme,
          attrs.current.of([]),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changeRef.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: attrs.current.reconfigure(
        EditorView.contentAttributes.of({
          'aria-label': label,
          'aria-multiline': 'true',
          ...(invalid ? { 'aria-invalid': 'true' } : {}),
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        }),
      ),
    });
  }, [label, invalid, describedBy]);

  return <div ref={host} className={invalid ? 'we-sql we-invalid' : 'we-sql'} />;
}

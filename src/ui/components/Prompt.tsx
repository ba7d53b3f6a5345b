import type { Key } from 'ink';
import { Text } from 'ink';
import type { Theme } from '../theme.js';

export interface PromptText {
  text: string;
  /** Position in the history while browsing it with the arrows. */
  historyIndex: number;
}

export type PromptEdit =
  | { kind: 'edit'; state: PromptText }
  | { kind: 'submit'; text: string }
  | { kind: 'cancel' }
  | { kind: 'none' };

/**
 * One keystroke applied to the prompt's text. Pure and synchronous, so the app can apply keys the
 * moment they arrive: keys typed right after `:` are never lost while the prompt first renders.
 */
export function editPrompt(
  state: PromptText,
  input: string,
  key: Key,
  suggestions: readonly string[],
  history: readonly string[],
): PromptEdit {
  if (key.escape) return { kind: 'cancel' };
  if (key.return) return { kind: 'submit', text: state.text };
  if (key.tab) {
    const first = suggestions[0];
    if (!first) return { kind: 'none' };
    const words = state.text.split(' ');
    words[words.length - 1] = first;
    return { kind: 'edit', state: { ...state, text: `${words.join(' ')}${words.length === 1 ? ' ' : ''}` } };
  }
  if (key.upArrow || key.downArrow) {
    if (history.length === 0) return { kind: 'none' };
    const i = key.upArrow
      ? Math.max(0, state.historyIndex - 1)
      : Math.min(history.length, state.historyIndex + 1);
    return { kind: 'edit', state: { text: history[i] ?? '', historyIndex: i } };
  }
  if (key.backspace || key.delete) {
    if (state.text === '') return { kind: 'cancel' };
    return { kind: 'edit', state: { ...state, text: state.text.slice(0, -1) } };
  }
  if (key.ctrl && input === 'u') return { kind: 'edit', state: { ...state, text: '' } };
  if (key.ctrl || key.meta || !input) return { kind: 'none' };
  // A pasted or fast-typed chunk may carry Enter at its end.
  const submit = /[\r\n]$/.test(input);
  const text = state.text + input.replace(/[\r\n]/g, '');
  return submit ? { kind: 'submit', text } : { kind: 'edit', state: { ...state, text } };
}

export interface PromptLineProps {
  prefix: ':' | '/';
  text: string;
  suggestions: readonly string[];
  theme: Theme;
}

/** The one-line input for `:` commands and `/` filters. */
export function PromptLine({ prefix, text, suggestions, theme }: PromptLineProps) {
  return (
    <Text wrap="truncate">
      <Text bold color={theme.key}>
        {prefix}
      </Text>
      <Text>{text}</Text>
      <Text inverse> </Text>
      {suggestions.length > 0 ? <Text color={theme.dim}>{`   ${suggestions.join('  ')}`}</Text> : null}
    </Text>
  );
}

import type { JSX } from 'preact';
import { useState } from 'preact/hooks';

/** The commands that print what the page shows, and a button that copies them. */
export function CopyAsCli(props: { commands: readonly string[] }): JSX.Element {
  const [copied, setCopied] = useState<string>('');
  const text = props.commands.join('\n');
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setCopied('Copied.'),
      () => setCopied('The browser refused the clipboard: select the commands and copy them.'),
    );
  };
  return (
    <section class="cli" aria-labelledby="cli-title">
      <h2 id="cli-title">The same in the CLI</h2>
      <pre id="cli-commands">{text}</pre>
      <button type="button" aria-label="Copy as CLI" onClick={copy}>
        Copy as CLI
      </button>{' '}
      <span role="status">{copied}</span>
    </section>
  );
}

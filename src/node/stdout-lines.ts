/**
 * Everything the server prints to stdout, in order, written once per event-loop turn: under load
 * an access line per request was a write(2) per request (stdout to a file or pipe is synchronous).
 * Pending text is flushed when the process exits, including after an uncaught error; only a
 * SIGKILL can lose it, and then at most the current turn's lines.
 */
let pending = '';

function flush() {
  if (pending === '') return;
  const text = pending;
  pending = '';
  process.stdout.write(text);
}

process.on('exit', flush);

export function printLine(text: string) {
  if (pending === '') setImmediate(flush);
  pending += text.endsWith('\n') ? text : `${text}\n`;
}

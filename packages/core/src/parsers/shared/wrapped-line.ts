/**
 * Finds where the message starts in a line that something wrapped: a syslog daemon — RFC 3164
 * (`[<PRI>]Mmm dd hh:mm:ss host tag[pid]: `, as nginx's `access_log syslog:` and rsyslog files write it)
 * or RFC 5424 (`<PRI>1 time host app procid msgid SD `) — or a container runtime (CRI / containerd pod
 * logs: `<RFC 3339 time> stdout|stderr F|P `). Anchored patterns with bounded repeats over character
 * classes that cannot overlap, so they cannot backtrack badly on long lines.
 */

const RFC3164 =
  /^(?:<\d{1,3}>)?[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} [^\s]{1,255} [^\s:[\]]{1,64}(?:\[\d{1,10}\])?: /;
const RFC5424 =
  /^<\d{1,3}>1 [^\s]{1,64} [^\s]{1,255} [^\s]{1,48} [^\s]{1,128} [^\s]{1,32} (?:-|(?:\[[^\]]{0,1024}\])+) ?/;
const CRI = /^\d{4}-\d\d-\d\dT[^\s]{1,40} (?:stdout|stderr) [FP] /;

/** Index of the message after a syslog or container-runtime header, or -1 when there is none. */
export function wrappedMessageStart(line: string): number {
  const c = line.charCodeAt(0);
  // Cheap gate: a header starts with '<', an upper-case month letter, or a year.
  if (c === 60 || (c >= 65 && c <= 90)) {
    const m = RFC3164.exec(line) ?? RFC5424.exec(line);
    return m ? m[0].length : -1;
  }
  if (c >= 48 && c <= 57) {
    const m = CRI.exec(line);
    return m ? m[0].length : -1;
  }
  return -1;
}

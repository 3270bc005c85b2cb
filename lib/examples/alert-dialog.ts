import type { FdoExample } from './types';

export const alertDialog: FdoExample = {
  id: 'alert-dialog',
  title: 'Alert dialog',
  description: 'A yes/no alert that asks before signing off, with a sound.',
  source: `uni_start_stream <00x>
  async_playsound <"Goodbye">
  async_alert <yes_no, "You have 2 downloads waiting.\\x7f\\x7fSign off anyway?">
  uni_wait_off
uni_end_stream <00x>
`,
};

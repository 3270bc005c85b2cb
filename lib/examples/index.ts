/** The example forms of the playground and GET /examples, written for AtomForge. */
import { alertDialog } from './alert-dialog';
import { buddyList } from './buddy-list';
import { chatRoom } from './chat-room';
import { loginWindow } from './login-window';
import { newsArticle } from './news-article';
import { topicList } from './topic-list';
import type { FdoExample } from './types';

export type { FdoExample } from './types';

export const EXAMPLES: readonly FdoExample[] = [loginWindow, chatRoom, newsArticle, topicList, buddyList, alertDialog];

export function findExample(id: string): FdoExample | undefined {
  return EXAMPLES.find((e) => e.id === id);
}

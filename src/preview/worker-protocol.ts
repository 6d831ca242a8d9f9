/** Messages between the page and its worker. Every request carries an id; the answer echoes it. */
import type { Lang } from '../engine/findings';
import type { Template } from '../engine/template/schema';
import type { ReadResult, ReviewItem } from './work';

export type WorkRequest =
  | { readonly id: number; readonly kind: 'read'; readonly bytes: Uint8Array; readonly lang: Lang }
  | {
      readonly id: number;
      readonly kind: 'check';
      readonly file: string;
      readonly bytes: Uint8Array;
      readonly lang: Lang;
      readonly template: Template;
    };

export type WorkAnswer =
  | { readonly id: number; readonly kind: 'read'; readonly result: ReadResult }
  | { readonly id: number; readonly kind: 'check'; readonly result: ReviewItem }
  | { readonly id: number; readonly kind: 'failed'; readonly error: string };

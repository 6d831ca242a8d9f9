/** Messages between the page and its worker. Every request carries an id; the answer echoes it. */
import type { Lang } from '../engine/findings';
import type { Template } from '../engine/template/schema';
import type { MergeInput } from '../xlsx/merge';
import type { AnnotateInput, RollupResult } from './review/rollup-work';
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
    }
  | {
      readonly id: number;
      readonly kind: 'rollup';
      readonly inputs: readonly MergeInput[];
      readonly template: Template;
      readonly lang: Lang;
      readonly allowErrors: boolean;
      readonly allowDuplicates: boolean;
    }
  | { readonly id: number; readonly kind: 'review-xlsx'; readonly items: readonly ReviewItem[]; readonly template: Template; readonly lang: Lang }
  | { readonly id: number; readonly kind: 'annotate-zip'; readonly returns: readonly AnnotateInput[]; readonly lang: Lang };

export type WorkAnswer =
  | { readonly id: number; readonly kind: 'read'; readonly result: ReadResult }
  | { readonly id: number; readonly kind: 'check'; readonly result: ReviewItem }
  | { readonly id: number; readonly kind: 'rollup'; readonly result: RollupResult }
  | { readonly id: number; readonly kind: 'review-xlsx'; readonly bytes: Uint8Array }
  | { readonly id: number; readonly kind: 'annotate-zip'; readonly zip: Uint8Array; readonly failed: readonly { name: string; error: string }[] }
  | { readonly id: number; readonly kind: 'failed'; readonly error: string };

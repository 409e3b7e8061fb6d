/** Methods of joint credit: how both teams contributed to the period's wins (a viewer may read them). */
import type { JointCreditResult } from '../figures';
import { none, read } from './define';

export const creditMethods = {
  /** the current period's win rate, sourced revenue and the credit of each won deal */
  'credit.get': read<JointCreditResult>('viewer')(none),
} as const;

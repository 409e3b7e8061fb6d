/** Building blocks of the contract's method maps: method specs and the field schemas they share. */
import { z } from 'zod';

/** Reads may be served to any viewer; writes need an admin (enforced by the transports). */
export type MethodKind = 'read' | 'write';

export interface MethodSpec<I extends z.ZodType, R> {
  kind: MethodKind;
  input: I;
  /** phantom field that carries the result type; never set at runtime */
  readonly result?: R;
}

export function read<R>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, R> => ({ kind: 'read', input });
}
export function write<R>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, R> => ({ kind: 'write', input });
}

/** An entity id (UUIDv7 text or a fixed key such as a stage id). */
export const id = z.string().min(1, 'is required').max(64, 'is too long');
/** A name or title a person types. */
export const name = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
/** An ISO 4217 currency code. */
export const currency = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as EUR');
/** The input of a method that takes none. */
export const none = z.object({}).strict();

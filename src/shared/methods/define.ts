/**
 * Building blocks of the contract's method maps: method specs with their access rules, and the field
 * schemas they share. Each method declares here, once, who may call it, whether it changes anything and
 * how large its input may be; both transports (IPC and HTTP) read these declarations and keep no lists of
 * method names of their own.
 */
import { z } from 'zod';
import { isCalendarDate } from '../calendar/days';

/**
 * The least trusted caller a method accepts, in rising order of trust:
 * - `viewer`: any paired screen (the viewer token over HTTP) and every window of the app;
 * - `kiosk`: the app's own window without the PIN (it runs the wall and the first-run setup), and admins;
 * - `admin`: only the admin token over HTTP, or an app window unlocked with the PIN.
 */
export type CallerLevel = 'viewer' | 'kiosk' | 'admin';

/** Who is calling, as a transport established it: an HTTP token's role, or an app window locked or not. */
export type CallerRole = CallerLevel;

/** Calls one caller may make of one method in a window of time. */
export interface CallRate {
  calls: number;
  perMs: number;
}

/** How a method may be used; every spec carries one. */
export interface MethodAccess {
  /** the least trusted caller that may call it */
  caller: CallerLevel;
  /** whether a call changes anything (data or this machine's state): writes need our own origin */
  writes: boolean;
  /** the largest input accepted, as JSON (bytes over HTTP, characters over IPC) */
  maxInputBytes: number;
  /** how many calls one caller may make per window; absent: no limit beyond the transport's own */
  rate?: CallRate;
  /**
   * Whether it still runs while the database is damaged and open read-only (restoring a backup is the way
   * out; a PIN check must unlock the window that restores). Other writes are refused then.
   */
  whileDamaged?: boolean;
}

/** Reads are 'read', changes 'write' (kept for callers that only care about that). */
export type MethodKind = 'read' | 'write';

export interface MethodSpec<I extends z.ZodType, R> {
  kind: MethodKind;
  access: MethodAccess;
  input: I;
  /** phantom field that carries the result type; never set at runtime */
  readonly result?: R;
}

/** The input cap of every method that does not carry a whole file: a deal is a few hundred bytes. */
export const DEFAULT_MAX_INPUT_BYTES = 1024 * 1024;

/** What a method may add to its declaration beyond who calls it. */
export type AccessOptions = Partial<Pick<MethodAccess, 'maxInputBytes' | 'rate' | 'whileDamaged'>>;

function spec<R>(kind: MethodKind, caller: CallerLevel, options: AccessOptions) {
  return <I extends z.ZodType>(input: I): MethodSpec<I, R> => ({
    kind,
    access: {
      caller,
      writes: kind === 'write',
      maxInputBytes: options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES,
      ...(options.rate ? { rate: options.rate } : {}),
      ...(options.whileDamaged ? { whileDamaged: true } : {}),
    },
    input,
  });
}

/** A method that changes nothing, callable by `caller` and anyone more trusted. */
export function read<R>(caller: CallerLevel, options: AccessOptions = {}) {
  return spec<R>('read', caller, options);
}

/** A method that changes data or this machine's state, callable by `caller` and anyone more trusted. */
export function write<R>(caller: CallerLevel, options: AccessOptions = {}) {
  return spec<R>('write', caller, options);
}

const LEVELS: Readonly<Record<CallerLevel, number>> = { viewer: 0, kiosk: 1, admin: 2 };

/** Whether a caller of `role` may call a method with this access: the one rule both transports apply. */
export function mayCall(access: MethodAccess, role: CallerRole): boolean {
  return LEVELS[role] >= LEVELS[access.caller];
}

/** An entity id (UUIDv7 text or a fixed key such as a stage id). */
export const id = z.string().min(1, 'is required').max(64, 'is too long');

/**
 * Characters a typed name must not hold: control characters (C0, DEL, C1), the bidirectional overrides,
 * embeddings and isolates that can make a name read backwards on the wall, and line/paragraph separators.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_NAMES = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;
/** Code points that take no room on screen (as [first, last] ranges): a name of only these looks empty. */
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x2060, 0x2064],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
];

function isInvisible(char: string): boolean {
  if (/\s/u.test(char)) return true;
  const code = char.codePointAt(0)!;
  return INVISIBLE_RANGES.some(([first, last]) => code >= first && code <= last);
}

/** Whether a text shows at least one visible character. */
export function hasVisibleCharacter(value: string): boolean {
  for (const char of value) if (!isInvisible(char)) return true;
  return false;
}

/**
 * A name or title a person types: trimmed, 1 to 200 characters, no control or direction-changing
 * characters, and not made only of invisible ones.
 */
export const name = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(200, 'must be at most 200 characters')
  .refine((value) => !FORBIDDEN_IN_NAMES.test(value), {
    message: 'must not contain control or text-direction characters',
    abort: true,
  })
  .refine(hasVisibleCharacter, { message: 'must contain a visible character' });

/** The earliest and latest moment an input may name: a wall's data lives in this century. */
export const EARLIEST_TIME = Date.UTC(2000, 0, 1);
export const LATEST_TIME = Date.UTC(2100, 0, 1);

/** A moment (epoch ms) between {@link EARLIEST_TIME} and {@link LATEST_TIME}. */
export const instant = z
  .number({ error: 'must be a time' })
  .int('must be a time in whole milliseconds')
  .min(EARLIEST_TIME, 'must not be before the year 2000')
  .max(LATEST_TIME, 'must be before the year 2100');

/** A calendar day 'YYYY-MM-DD' in the years 2000 to 2099. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-27')
  .refine(isCalendarDate, { message: 'is not a date in the calendar', abort: true })
  .refine((value) => value >= '2000-01-01' && value <= '2099-12-31', 'must be a date between 2000 and 2099');

/** An ISO 4217 currency code. */
export const currency = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as EUR');
/** The input of a method that takes none. */
export const none = z.object({}).strict();

/** An id a form may leave out (a new record) or clear. */
export const optionalId = id.nullable().optional();
/** The input of a method that names one record by its id (deletes). */
export const byId = z.object({ id }).strict();
/** The team a person, a campaign or a lead belongs to. */
export const team = z.enum(['sales', 'marketing'], { error: 'must be sales or marketing' });
/** The length of a reporting period. */
export const periodKind = z.enum(['week', 'month', 'quarter'], { error: 'must be week, month or quarter' });
/** A number a person types; anything else is refused with the same words everywhere. */
export const typedNumber = z.number({ error: 'must be a number' });
/** A whole number a person types; `message` says what whole means where the plain words do not fit. */
export function wholeNumber(message = 'must be a whole number') {
  return typedNumber.int(message);
}
/** How many rows a list call returns at most: 1 to `max`, and `fallback` when the caller does not say. */
export function listLimit(max: number, fallback: number) {
  return z.number().int().min(1).max(max).default(fallback);
}
/** A figure or target that cannot be negative (a goal's progress, a KPI's target). */
export const amount = typedNumber.finite('must be a number').nonnegative('must not be negative');
/** A time of day on the 24-hour clock, `HH:MM`. */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:30');

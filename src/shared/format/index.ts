/**
 * The one place where the app words numbers, money, durations, dates and times, in the room's locale and
 * clock: the wall, the admin, the feed and the weekly report all call these, so they say a thing the
 * same way.
 */
export * from './room';
export * from './numbers';
export * from './durations';
export * from './dates';
export * from './words';

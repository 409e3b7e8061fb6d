import type { EventName, ServerEvent, ServerEvents } from '@shared/contract';

type Listener = (event: ServerEvent) => void;

/** In-process fan-out of server events to every transport (IPC windows, SSE clients). */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  /** Delivers an event to every subscriber; one failing subscriber does not stop the others. */
  emit<E extends EventName>(name: E, data: ServerEvents[E]): void {
    const event = { name, data } as ServerEvent;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error(`event listener failed on ${name}:`, error);
      }
    }
  }

  /** Subscribes; returns the function that unsubscribes. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}

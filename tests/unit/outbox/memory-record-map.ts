import type { createJobStore } from '@/utils/outbox/store';

type RecordMapStorage = Parameters<typeof createJobStore>[0];

/** An in-memory record map, a model of the stored one. */
export function memoryRecordMap(initial: Record<string, unknown> = {}): RecordMapStorage & {
  data: Record<string, unknown>;
} {
  const box = { data: structuredClone(initial) };
  return {
    get data() {
      return box.data;
    },
    get: async () => structuredClone(box.data),
    set: async (value) => {
      box.data = structuredClone(value);
    },
  };
}

import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyMockHeapSettings } from '../heap-settings.ts';

afterEach(() => vi.restoreAllMocks());

describe('the mock process heap settings', () => {
  it('holds the young generation and tightens the old space when the user chose nothing', () => {
    const set = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => undefined);
    expect(applyMockHeapSettings([], '')).toEqual(['--semi-space-growth-factor=1', '--heap-growing-percent=50']);
    expect(set).toHaveBeenCalledTimes(2);
  });

  it('leaves alone what the user set in node flags or NODE_OPTIONS', () => {
    const set = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => undefined);
    expect(applyMockHeapSettings(['--max-semi-space-size=8'], '--max-old-space-size=512')).toEqual([]);
    expect(set).not.toHaveBeenCalled();
  });
});

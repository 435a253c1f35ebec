import { describe, expect, it } from 'vitest';
import { CacheBus, TaggedCache, cacheTtlFromEnv, droppedBy } from './bus';

function setup(ttl = 10_000) {
  const bus = new CacheBus({ ttlMs: ttl });
  bus.setListening(true);
  const cache = new TaggedCache<string>(3, () => bus.ttlMs);
  bus.subscribe((tag) => cache.invalidate(tag));
  return { bus, cache };
}

describe('the invalidation bus', () => {
  it('p:X drops entries tagged p:X and p:*, not other projects; u:X likewise; * drops all', () => {
    const { bus, cache } = setup();
    cache.set('one', '1', ['p:a', 'u:1']);
    cache.set('list', 'l', ['p:*', 'u:2']);
    cache.set('other', 'o', ['p:b', 'u:2']);
    bus.receive('p:a');
    expect([cache.get('one'), cache.get('list'), cache.get('other')]).toEqual([undefined, undefined, 'o']);
    cache.set('one', '1', ['p:a', 'u:1']);
    bus.receive('u:2');
    expect([cache.get('one'), cache.get('other')]).toEqual(['1', undefined]);
    bus.receive('*');
    expect(cache.size).toBe(0);
    expect(droppedBy('*')).toBeNull();
    expect(droppedBy('u:7')).toEqual(['u:7', 'u:*']);
  });

  it('a read stores only if no message arrived since it started, and nothing while the feed is lost', () => {
    const { bus } = setup();
    const started = bus.generation;
    expect(bus.mayStore(started)).toBe(true);
    bus.receive('p:zzz');
    expect(bus.mayStore(started)).toBe(false);
    const again = bus.generation;
    bus.invalidate(['u:1']);
    expect(bus.mayStore(again)).toBe(false);
    const beforeLoss = bus.generation;
    bus.setListening(false);
    expect(bus.enabled).toBe(false);
    expect(bus.mayStore(bus.generation)).toBe(false);
    bus.setListening(true);
    expect(bus.mayStore(beforeLoss)).toBe(false);
    expect(bus.mayStore(bus.generation)).toBe(true);
  });

  it('a barrier message is no change; losing the feed drops everything', () => {
    const { bus, cache } = setup();
    cache.set('k', 'v', ['u:1']);
    const g = bus.generation;
    bus.receive('s:0123456789abcdef');
    expect(bus.generation).toBe(g);
    expect(cache.get('k')).toBe('v');
    bus.setListening(false);
    expect(cache.get('k')).toBeUndefined();
  });

  it('entries expire after the TTL, TTL 0 disables, and the size stays bounded (least recently used first)', () => {
    const { cache } = setup(1_000);
    cache.set('a', 'A', [], 0);
    expect(cache.get('a', 999)).toBe('A');
    expect(cache.get('a', 1_000)).toBeUndefined();
    cache.set('a', 'A', ['p:x'], 0);
    cache.set('b', 'B', ['p:x'], 0);
    cache.set('c', 'C', [], 0);
    expect(cache.get('a', 1)).toBe('A');
    cache.set('d', 'D', [], 1);
    expect(cache.size).toBe(3);
    expect(cache.get('b', 2)).toBeUndefined();
    cache.invalidate('p:x');
    expect([cache.get('a', 2), cache.get('c', 2), cache.get('d', 2)]).toEqual([undefined, 'C', 'D']);
    expect(new CacheBus({ ttlMs: 0 }).enabled).toBe(false);
  });

  it('reads CACHE_TTL_MS with a default and refuses nonsense', () => {
    expect(cacheTtlFromEnv({})).toBe(10_000);
    expect(cacheTtlFromEnv({ CACHE_TTL_MS: '0' })).toBe(0);
    expect(cacheTtlFromEnv({ CACHE_TTL_MS: '2500' })).toBe(2_500);
    expect(() => cacheTtlFromEnv({ CACHE_TTL_MS: '-1' })).toThrow(/CACHE_TTL_MS/);
    expect(() => cacheTtlFromEnv({ CACHE_TTL_MS: 'ten' })).toThrow(/CACHE_TTL_MS/);
  });
});

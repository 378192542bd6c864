import { describe, expect, it } from 'vitest';
import { KeptAnswers } from './versions.js';

describe('answers kept under versions', () => {
  it('gives an answer back only under the versions it was kept under, and drops it under others', () => {
    const kept = new KeptAnswers<string>(10);
    kept.set('hni', '7:8', 'list of 7:8', 3);
    expect(kept.get('hni', '7:8')).toBe('list of 7:8');
    expect(kept.get('hni', '7:9')).toBeUndefined();
    expect(kept.get('hni', '7:8')).toBeUndefined();
  });

  it('keeps the weights within the allowance, dropping the least recently used first', () => {
    const kept = new KeptAnswers<string>(10);
    kept.set('a', 'v', 'A', 4);
    kept.set('b', 'v', 'B', 4);
    expect(kept.get('a', 'v')).toBe('A');
    kept.set('c', 'v', 'C', 4);
    expect(kept.get('b', 'v')).toBeUndefined();
    expect(kept.get('a', 'v')).toBe('A');
    expect(kept.get('c', 'v')).toBe('C');
    kept.set('d', 'v', 'D', 11);
    expect(kept.get('d', 'v')).toBeUndefined();
    expect(kept.get('a', 'v')).toBe('A');
  });

  it('counts an answer kept again under the same key once', () => {
    const kept = new KeptAnswers<string>(10);
    kept.set('a', 'v1', 'A1', 6);
    kept.set('a', 'v2', 'A2', 6);
    kept.set('b', 'v', 'B', 4);
    expect(kept.get('a', 'v2')).toBe('A2');
    expect(kept.get('b', 'v')).toBe('B');
  });
});

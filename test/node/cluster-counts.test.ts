import { fork } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

describe('rate-limit counts shared by cluster workers', () => {
  it('reach the primary before a starved worker gets another turn, so a client that waits cannot pass the limit', async () => {
    const child = fork('test/fixtures/starved-cluster-worker.ts', [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    try {
      const order: string[] = [];
      child.on('message', (message: unknown) => order.push(typeof message === 'string' ? message : (message as { type: string }).type));
      await once(child, 'message'); // ready
      child.send('count');
      while (!order.includes('busy-done')) await once(child, 'message');
      // The count is on its way to the primary before the worker's next turn of its event loop,
      // so before that worker could write the request's answer and the client could come back.
      expect(order).toEqual(['ready', 'registry:rate-counts', 'busy-done']);
    } finally {
      child.kill();
    }
  });
});

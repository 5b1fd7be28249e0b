import { describe, expect, it } from 'vitest';
import { AppError } from '@/utils/errors';
import { addParticipants } from '@/utils/outbox/step-share';

const forbidden = () => new AppError({ code: 'forbidden', message: 'Not allowed.' });
const invalid = () => new AppError({ code: 'validation', message: 'Unknown user.' });

/** A portal that records the order of calls and answers each as told. */
function portal(answers: { participants?: () => Error; share?: () => Error; noShare?: boolean }) {
  const calls: string[] = [];
  return {
    calls,
    addParticipants: async (_key: string, ids: readonly string[]) => {
      calls.push(`participants:${ids.join(',')}`);
      if (answers.participants) throw answers.participants();
    },
    ...(answers.noShare
      ? {}
      : {
          portalShare: async (_key: string, share: { accountIds: string[]; emails: string[] }) => {
            calls.push(`share:${share.accountIds.join(',')}|${share.emails.join(',')}`);
            if (answers.share) throw answers.share();
          },
        }),
  };
}

describe('sharing a request: participants first, then the portal share, then the link', () => {
  it('adds participants by accountId and does not share through the portal when that works', async () => {
    const p = portal({});
    expect(await addParticipants(p, 'SUP-1', ['a', 'b'])).toEqual({
      added: ['a', 'b'],
      rejected: [],
      notPermitted: false,
    });
    expect(p.calls).toEqual(['participants:a,b']);
  });

  it('falls back to the portal share when adding participants is refused (403)', async () => {
    const p = portal({ participants: forbidden });
    expect(await addParticipants(p, 'SUP-1', ['a', 'b'], ['jo@customer.example'])).toEqual({
      added: ['a', 'b'],
      rejected: [],
      notPermitted: false,
    });
    expect(p.calls).toEqual(['participants:a,b', 'share:a,b|jo@customer.example']);
  });

  it('says sharing is not permitted (so the link is offered) only when the portal share is refused too', async () => {
    const p = portal({ participants: forbidden, share: forbidden });
    expect(await addParticipants(p, 'SUP-1', ['a'])).toEqual({
      added: [],
      rejected: [],
      notPermitted: true,
    });
    expect(p.calls).toEqual(['participants:a', 'share:a|']);
  });

  it('says sharing is not permitted when the portal has no share', async () => {
    const p = portal({ participants: forbidden, noShare: true });
    expect(await addParticipants(p, 'SUP-1', ['a'])).toMatchObject({ notPermitted: true });
    expect(p.calls).toEqual(['participants:a']);
  });

  it('sends e-mail addresses by the portal share only (participants take accountIds)', async () => {
    const p = portal({});
    expect(await addParticipants(p, 'SUP-1', [], ['jo@customer.example'])).toEqual({
      added: [],
      rejected: [],
      notPermitted: false,
    });
    expect(p.calls).toEqual(['share:|jo@customer.example']);
  });

  it('narrows a 400 down one account at a time, then shares the rest when refused', async () => {
    let call = 0;
    const p = portal({});
    p.addParticipants = async (_key, ids) => {
      p.calls.push(`participants:${ids.join(',')}`);
      call += 1;
      if (call === 1) throw invalid();
      if (ids[0] === 'x') throw invalid();
      if (ids[0] === 'b') throw forbidden();
    };
    expect(await addParticipants(p, 'SUP-1', ['x', 'b', 'c'])).toEqual({
      added: ['b', 'c'],
      rejected: ['x'],
      notPermitted: false,
    });
    expect(p.calls).toEqual([
      'participants:x,b,c',
      'participants:x',
      'participants:b',
      'share:b,c|',
    ]);
  });
});

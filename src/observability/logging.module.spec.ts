import pino from 'pino';
import { Writable } from 'node:stream';
import { LOG_PRIVACY, redactDeep } from './logging.module';

describe('redactDeep', () => {
  it('censors personal keys at any depth and inside arrays, keeping the rest', () => {
    const out = redactDeep({
      caseId: 'c1',
      event: { child: { firstNames: 'Ana' }, data: { familyContacts: [{ name: 'María' }] } },
      items: [{ contact: { name: 'Luis', phone: '+502' } }, { firstNames: 'Eva', status: 'open' }],
    });
    expect(out).toEqual({
      caseId: 'c1',
      event: { child: '[redacted]', data: { familyContacts: '[redacted]' } },
      items: [
        { contact: { name: '[redacted]', phone: '[redacted]' } },
        { firstNames: '[redacted]', status: 'open' },
      ],
    });
  });

  it('leaves class instances (requests, errors) to their serializers and stops at a depth', () => {
    const err = new Error('boom');
    expect((redactDeep({ err }) as { err: Error }).err).toBe(err);
    let deep: Record<string, unknown> = { firstNames: 'x' };
    for (let i = 0; i < 50; i++) deep = { d: deep };
    expect(JSON.stringify(redactDeep(deep))).not.toContain('"x"');
  });
});

describe('the application logger', () => {
  it('writes no name, contact or document of a registration logged at trace level, however nested', () => {
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    const log = pino({ level: 'trace', ...LOG_PRIVACY }, sink);
    const registration = {
      reception: { receptionCenterId: 'r1' },
      child: { firstNames: 'Zuleyka', familyContacts: [{ name: 'Wenceslaa', phone: '+50299887766' }] },
    };
    log.trace({ dto: registration }, 'registering');
    log.debug(
      { contacts: registration.child.familyContacts, docs: { documents: [{ number: 'P-93817' }] } },
      'x',
    );
    log.info({ req: { id: '1', method: 'GET', url: '/api/v1/children/matches?firstNames=Zuleyka' } }, 'y');
    expect(out).toContain('registering');
    for (const planted of ['Zuleyka', 'Wenceslaa', '+50299887766', 'P-93817'])
      expect(out).not.toContain(planted);
  });
});

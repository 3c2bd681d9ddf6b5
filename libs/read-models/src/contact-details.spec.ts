import { ownerAsShown, recipientAsShown, userAsShown, WITHHELD } from './contact-details';

const people = {
  list: () => [
    { userId: 'u-owner', name: 'CYPS Training lead', email: 'cyps.training@rotherham.example' },
    { userId: 'u-manager', name: 'YOT Performance Manager', email: null },
  ],
};

describe("people's email addresses as a reader may see them", () => {
  it('names the recipient to a plan manager, whatever the case of the address, and withholds an address no user has now', () => {
    const shown = recipientAsShown({ userId: 'u-manager', role: 'plan manager' }, people);
    expect(['CYPS.Training@rotherham.example', 'left.council@rotherham.example', 'u-owner'].map(shown)).toEqual([
      'CYPS Training lead',
      WITHHELD,
      'u-owner',
    ]);
  });

  it('shows the address to admins, auditors, the engine and its owner', () => {
    const readers = [
      { userId: 'u-admin', role: 'admin' },
      { userId: 'u-audit', role: 'auditor' },
      { userId: 'reminders', role: 'system' },
      { userId: 'u-owner', role: 'action owner' },
    ];
    expect(readers.map((reader) => recipientAsShown(reader, people)('cyps.training@rotherham.example'))).toEqual(
      Array(4).fill('cyps.training@rotherham.example'),
    );
  });

  it("leaves a user's address out for anyone but admins, auditors and the user", () => {
    const owner = { userId: 'u-owner', name: 'CYPS Training lead', email: 'cyps.training@rotherham.example', role: 'action owner' };
    expect(userAsShown(owner, { userId: 'u-manager', role: 'plan manager' })).toEqual({
      userId: 'u-owner',
      name: 'CYPS Training lead',
      role: 'action owner',
    });
    expect(userAsShown(owner, { userId: 'u-owner', role: 'action owner' })).toBe(owner);
  });

  it("keeps a partner owner's mailbox from everyone but admins and auditors, and a user owner's from all but them and the owner", () => {
    const partner = { kind: 'organisation', name: 'South Yorkshire Police', email: 'partnerships@syp.example' };
    const lead = { kind: 'person', name: 'CYPS Training lead', userId: 'u-owner', email: 'cyps.training@rotherham.example' };
    const manager = { userId: 'u-manager', role: 'plan manager' };
    expect(ownerAsShown(partner, manager)).toEqual({ kind: 'organisation', name: 'South Yorkshire Police' });
    expect(ownerAsShown(lead, manager)).toEqual({ kind: 'person', name: 'CYPS Training lead', userId: 'u-owner' });
    expect(ownerAsShown(partner, { userId: 'u-audit', role: 'auditor' })).toEqual(partner);
    expect(ownerAsShown(lead, { userId: 'u-owner', role: 'action owner' })).toEqual(lead);
  });

  it("names a partner's mailbox by the owner that carries it, and withholds an address no one is known by", () => {
    const shown = recipientAsShown({ userId: 'u-manager', role: 'plan manager' }, people, [
      { name: 'Remedi', email: 'Contact@remedi.example' },
      { name: 'South Yorkshire Police' },
    ]);
    expect(['contact@remedi.example', 'someone@else.example'].map(shown)).toEqual(['Remedi', WITHHELD]);
  });
});

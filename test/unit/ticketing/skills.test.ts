import { checkAssignment, checkSkill, claimableCategories, type Worker } from '../../../ticketing/domain/skills';
import { DomainError } from '../../../ticketing/domain/types';

const alice: Worker = { id: 'alice', supervisor: false, skills: ['technical'] };
const bob: Worker = { id: 'bob', supervisor: false, skills: ['billing', 'presales'] };
const carol: Worker = { id: 'carol', supervisor: true, skills: ['technical', 'billing', 'presales'] };
const code = (f: () => void) => {
  try {
    f();
    return null;
  } catch (err) {
    return (err as DomainError).code;
  }
};

test('an agent claims only from the queues of their skills, in the order asked', () => {
  expect(claimableCategories(bob, ['technical', 'presales', 'billing'])).toEqual(['presales', 'billing']);
  expect(claimableCategories(alice, ['billing'])).toEqual([]);
  expect(code(() => checkSkill(bob, 'technical'))).toBe('skill_missing');
  expect(code(() => checkSkill({ ...bob, skills: [] }, 'billing'))).toBe('skill_missing');
});

test('agents take unassigned tickets for themselves and give back their own; supervisors reassign within skills', () => {
  const open = { id: 'SR-1', category: 'technical' as const, assignee: null };
  const alices = { ...open, assignee: 'alice' };
  expect(code(() => checkAssignment(alice, open, alice))).toBeNull();
  expect(code(() => checkAssignment(alice, alices, null))).toBeNull();
  expect(code(() => checkAssignment(bob, open, bob))).toBe('skill_missing');
  expect(code(() => checkAssignment(alice, open, carol))).toBe('supervisor_required');
  expect(code(() => checkAssignment(bob, alices, null))).toBe('supervisor_required');
  expect(code(() => checkAssignment(alice, { ...open, assignee: 'dave' }, alice))).toBe('supervisor_required');
  expect(code(() => checkAssignment(carol, alices, bob))).toBe('skill_missing');
  expect(code(() => checkAssignment(carol, alices, carol))).toBeNull();
  expect(code(() => checkAssignment(carol, alices, null))).toBeNull();
});

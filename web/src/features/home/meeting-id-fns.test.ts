import { describe, expect, it } from 'vitest';
import { parseMeetingInput } from './meeting-id-fns';

describe('parseMeetingInput', () => {
  it.each([
    ['1234567890', '/m/1234567890'],
    ['123 456 7890', '/m/1234567890'],
    ['  123 4567 890  ', '/m/1234567890'],
    ['123-456-7890', '/m/1234567890'],
    ['123\u00a0456\u00a07890', '/m/1234567890'],
    ['1234567890123456', '/m/1234567890123456'],
  ])('accepts the meeting ID %j', (input, path) => {
    expect(parseMeetingInput(input)).toEqual({ ok: true, path });
  });

  it.each([
    ['https://treffpunkt.example.org/m/1234567890', '/m/1234567890'],
    ['https://treffpunkt.example.org/m/1234567890?lang=de#top', '/m/1234567890'],
    ['treffpunkt.example.org/m/123%20456%207890', '/m/1234567890'],
    ['/m/123 456 7890', '/m/1234567890'],
    ['m/1234567890', '/m/1234567890'],
    ['https://treffpunkt.example.org/j/AbC-123_xyz789Qq', '/j/AbC-123_xyz789Qq'],
    ['http://localhost:5173/j/AbC-123_xyz789Qq/', '/j/AbC-123_xyz789Qq'],
    ['j/AbC-123_xyz789Qq', '/j/AbC-123_xyz789Qq'],
    ['/j/AbC-123_xyz789Qq?x=1', '/j/AbC-123_xyz789Qq'],
  ])('takes the path from the link %j', (input, path) => {
    expect(parseMeetingInput(input)).toEqual({ ok: true, path });
  });

  it('asks for input when there is none', () => {
    expect(parseMeetingInput('   ')).toEqual({ ok: false, error: 'empty', digits: 0 });
  });

  it('counts the digits of a meeting ID that is too short', () => {
    expect(parseMeetingInput('123 456 789')).toEqual({ ok: false, error: 'tooShort', digits: 9 });
    expect(parseMeetingInput('https://x.example/m/12345')).toEqual({
      ok: false,
      error: 'tooShort',
      digits: 5,
    });
  });

  it('refuses a meeting ID that is too long', () => {
    expect(parseMeetingInput('1'.repeat(17))).toMatchObject({ ok: false, error: 'tooLong' });
  });

  it.each([
    'abc',
    '12345 67890 x',
    'https://x.example/j/short',
    'j/AbC-123_xyz789',
    'https://x.example/hilfe',
    '12345,67890',
  ])('refuses %j', (input) => {
    expect(parseMeetingInput(input)).toMatchObject({ ok: false, error: 'invalid' });
  });
});

import { describe, expect, it } from 'vitest';
import { parseCliOptions } from '../src/cli-options.js';

describe('mongo-devserver command line', () => {
  it('when started with port and file flags, it takes them and defaults the rest', () => {
    const options = parseCliOptions(['--port', '27018', '--file', '.run/mongo.json'], {});

    expect(options).toEqual({
      port: 27018,
      host: '127.0.0.1',
      file: '.run/mongo.json',
      logLevel: 'info',
      help: false,
    });
  });

  it('when given no flags, it listens on 27017 in memory with LOG_LEVEL from the environment', () => {
    expect(parseCliOptions([], { LOG_LEVEL: 'debug' })).toMatchObject({
      port: 27017,
      file: undefined,
      logLevel: 'debug',
    });
  });

  it('when the port or log level is nonsense, the error names the flag', () => {
    expect(() => parseCliOptions(['--port', 'abc'], {})).toThrow(
      '--port must be an integer 0-65535, got "abc"',
    );
    expect(() => parseCliOptions(['--log-level', 'loud'], {})).toThrow(
      /--log-level must be debug, info, warn, error/,
    );
    expect(() => parseCliOptions(['--bogus'], {})).toThrow(/bogus/);
  });
});

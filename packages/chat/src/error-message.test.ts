import { ERROR_CODES, GenHubError } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { SOMETHING_WENT_WRONG, userMessage } from './error-message.js';

describe('userMessage', () => {
  it('says what a lack of credits costs, from the error or from what the chat showed', () => {
    const error = new GenHubError(
      'INSUFFICIENT_FUNDS',
      'The user balance (100000 micro-dollars) does not cover 490000.',
      {
        details: { reason: 'balance', availableMicros: 100_000, priceMicros: 490_000 },
      },
    );
    expect(userMessage(error)).toBe('You need $0.49 for this and have $0.10; ask an admin for credits.');
    expect(userMessage(error, { priceUsd: 1.5, balanceUsd: 0.003 })).toBe(
      'You need $1.50 for this and have $0.003; ask an admin for credits.',
    );
    expect(userMessage(new GenHubError('INSUFFICIENT_FUNDS', 'x'))).toBe(
      "You don't have enough credits for this; ask an admin for credits.",
    );
  });

  it('explains the daily budget with when it resets, and a provider out of funds', () => {
    const now = 1_700_000_000_000;
    const budget = new GenHubError('INSUFFICIENT_FUNDS', 'This would go over the daily budget.', {
      details: {
        reason: 'daily-budget',
        limitMicros: 5_000_000,
        spentMicros: 4_900_000,
        priceMicros: 200_000,
        resetsAt: now + 3_725_000,
      },
    });
    expect(userMessage(budget, { now })).toBe(
      'This would go over your daily budget of $5.00; it resets in 1h 02m.',
    );
    const provider = new GenHubError('INSUFFICIENT_FUNDS', 'HTTP 402 from https://api.x/v1?key=s3cret', {
      provider: 'gateai',
      status: 402,
    });
    expect(userMessage(provider)).toBe(
      "The provider's account has run out of funds; tell an admin so they can top it up.",
    );
  });

  it('tells users how long to wait, and separates too many jobs from a busy provider', () => {
    expect(
      userMessage(
        new GenHubError('RATE_LIMITED', 'Too many image requests.', {
          retryAfterSeconds: 41.2,
          details: { reason: 'rate' },
        }),
      ),
    ).toBe('Slow down: try again in 42 seconds.');
    expect(
      userMessage(
        new GenHubError('RATE_LIMITED', 'x', { retryAfterSeconds: 300, details: { reason: 'rate' } }),
      ),
    ).toBe('Slow down: try again in 5 minutes.');
    expect(
      userMessage(
        new GenHubError('RATE_LIMITED', 'You already have 5 jobs running', {
          retryAfterSeconds: 10,
          details: { reason: 'in-flight', limit: 5 },
        }),
      ),
    ).toBe('You already have 5 jobs running; wait for one to finish.');
    expect(
      userMessage(new GenHubError('RATE_LIMITED', '429', { provider: 'fake', retryAfterSeconds: 7 })),
    ).toBe('The provider is busy right now; try again in 7 seconds.');
  });

  it('suggests close models', () => {
    const error = new GenHubError(
      'MODEL_NOT_FOUND',
      'Model "flux-de" was not found; did you mean gateai/flux-dev?',
      {
        suggestions: ['gateai/flux-dev'],
      },
    );
    expect(userMessage(error)).toBe("That model doesn't exist; did you mean gateai/flux-dev?");
    expect(
      userMessage(new GenHubError('MODEL_NOT_FOUND', 'x', { suggestions: ['a/b', 'c/d', 'e/f', 'g/h'] })),
    ).toBe("That model doesn't exist; did you mean a/b, c/d or e/f?");
    expect(userMessage(new GenHubError('MODEL_NOT_FOUND', 'x'))).toBe(
      "That model doesn't exist; use /models to see the ones you can pick.",
    );
  });

  it("keeps core's INVALID_INPUT sentence but strips stacks and URLs with queries", () => {
    expect(userMessage(new GenHubError('INVALID_INPUT', 'width must be at most 2048.'))).toBe(
      'width must be at most 2048.',
    );
    const leaky = new GenHubError(
      'INVALID_INPUT',
      'Could not read https://cdn.example.com/a.png?X-Amz-Signature=abc123 (too large) see https://docs.example.com/limits\n    at fetchInputMedia (/app/core.js:1:2)',
    );
    const message = userMessage(leaky);
    expect(message).toBe('Could not read a link (too large) see https://docs.example.com/limits.');
    expect(message).not.toMatch(/abc123|Signature|core\.js|\bat /);
    expect(userMessage(new GenHubError('INVALID_INPUT', '   at x (y.js:1:1)'))).toMatch(
      /^That request isn't valid/,
    );
  });

  it('has one plain sentence for every code, never the internal message', () => {
    for (const code of ERROR_CODES) {
      const error = new GenHubError(code, 'SECRET sk-live-123 at /srv/app.js:10', { provider: 'gateai' });
      const message = userMessage(error);
      expect(message).toMatch(/^[A-Z"].*[.?]$/);
      if (code !== 'INVALID_INPUT') expect(message).not.toContain('SECRET');
    }
    expect(userMessage(new GenHubError('CONTENT_REJECTED', 'nsfw'))).toMatch(/content rules/);
    expect(userMessage(new GenHubError('PROVIDER_UNAVAILABLE', '503'))).toBe(
      'The provider is busy right now; try again in a minute.',
    );
  });

  it('quotes what the provider said about a failed task, and names a misconfigured provider', () => {
    const failed = new GenHubError('PROVIDER_UNAVAILABLE', 'GateAI could not finish the generation', {
      provider: 'gateai',
      details: { providerMessage: 'Upstream provider rejected the request. See https://x.test/a?sig=abc' },
    });
    expect(userMessage(failed)).toBe(
      'The provider refused ("Upstream provider rejected the request. See a link"); try again later or pick another model.',
    );
    const refused = new GenHubError('CONTENT_REJECTED', 'x', {
      details: { providerMessage: 'NSFW detected' },
    });
    expect(userMessage(refused)).toBe(
      'The provider\'s content rules turned this down ("NSFW detected"); try rewording the prompt or using another image.',
    );
    const tooLarge = new GenHubError('PROVIDER_UNAVAILABLE', "gateai's answer was larger than 128 MB.", {
      retryable: false,
      details: { reason: 'too-large', maxBytes: 1 },
    });
    expect(userMessage(tooLarge)).toBe(
      "The provider's answer was too large to accept; try a smaller size or a shorter duration.",
    );
    const misconfigured = new GenHubError('PROVIDER_UNAVAILABLE', 'ainative answered HTTP 404', {
      retryable: false,
      details: { reason: 'misconfigured', setting: 'GENHUB_AINATIVE_BASE_URL' },
    });
    expect(userMessage(misconfigured)).toBe(
      "This provider is not set up correctly on GenHub's side; tell an admin so they can check its settings.",
    );
    const unreadableSvg = new GenHubError('PROVIDER_UNAVAILABLE', "The provider's SVG could not be read.", {
      retryable: false,
      details: { reason: 'unreadable-svg' },
    });
    expect(userMessage(unreadableSvg)).toBe(
      "The provider's SVG could not be read safely, so it was not kept and you were not charged; try again or pick another model.",
    );
  });

  it('reads a job error as stored, and answers anything else with the generic sentence', () => {
    expect(userMessage({ code: 'TIMEOUT', message: 'deadline', retryable: true })).toBe(
      'The provider took too long to answer; try again in a little while.',
    );
    expect(userMessage(new TypeError('Cannot read properties of undefined'))).toBe(SOMETHING_WENT_WRONG);
    expect(userMessage('boom')).toBe(SOMETHING_WENT_WRONG);
    expect(userMessage(null)).toBe(SOMETHING_WENT_WRONG);
    expect(userMessage({ code: 'NOPE', message: 'x' })).toBe(SOMETHING_WENT_WRONG);
    expect(SOMETHING_WENT_WRONG).toBe(
      'Something went wrong on our side; try again, and tell an admin if it keeps happening.',
    );
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { FakeServer } from '../fake-server.js';
import { type Breakage, speechConformance } from './__fixtures__/speech-plugin.js';
import type { CheckId } from './finding.js';
import { type ConformanceReport, runConformance } from './run-conformance.js';

// The suite run on a small speech plugin, healthy and then broken one way at a time: each breakage
// must be reported by the check meant for it, as a sentence naming the model.

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function conformanceOf(breakage?: Breakage): Promise<ConformanceReport> {
  const setup = await speechConformance(breakage);
  server = setup.server;
  return runConformance(setup.options);
}

/** The messages one check reported. */
function reported(report: ConformanceReport, check: CheckId): string[] {
  return report.findings.filter((finding) => finding.check === check).map((finding) => finding.message);
}

describe('runConformance', () => {
  it('finds nothing wrong with the healthy plugin, and runs every check', async () => {
    const report = await conformanceOf();
    expect(report.findings).toEqual([]);
    expect(report.checks.map((check) => check.id)).toContain('secrets');
    expect(report.checks.find((check) => check.id === 'cancel')?.title).toBe(
      'has no cancel, as declared (supports.cancel: false)',
    );
    // Every model's run, the scenarios and the refused prompt-less request all reached the fake.
    expect(server!.callsTo('POST /v1/speech').length).toBeGreaterThanOrEqual(4);
  });

  it('catches an error body saved as audio', async () => {
    const report = await conformanceOf('error-body-as-audio');
    expect(reported(report, 'error-body-as-media')).toEqual([
      'tone/speech: output 1 of the failure scenario is JSON ({"error":"quota exceeded"}), not audio: an error body was saved as media.',
      'tone/speech: output 1 of the rateLimit scenario is JSON ({"error":"slow down"}), not audio: an error body was saved as media.',
    ]);
    expect(reported(report, 'failure')).toEqual([
      'tone/speech: the failure scenario ended succeeded, not failed.',
    ]);
  });

  it('catches the API key in an error message', async () => {
    const report = await conformanceOf('key-in-error');
    expect(reported(report, 'secrets')).toEqual([
      'tone/speech: its INSUFFICIENT_FUNDS error\'s message holds the configured secret ("…(payment required): quota exceeded (key ***)"), in the failure scenario.',
      'tone/speech: its RATE_LIMITED error\'s message holds the configured secret ("…429 (too many requests): slow down (key ***)"), in the rateLimit scenario.',
    ]);
  });

  it('catches the API key in a log line', async () => {
    const report = await conformanceOf('key-in-log');
    expect(reported(report, 'secrets')).toEqual([
      'tone: an info log line holds the configured secret ("speaking with key *** {"plugin":"tone"}").',
    ]);
  });

  it('catches a media type that the bytes contradict', async () => {
    const report = await conformanceOf('wrong-media-type');
    expect(reported(report, 'media-type')).toContain(
      'tone/speech: output 1 of its example is declared audio/wav, but its bytes are audio/mpeg.',
    );
  });

  it("catches outputs of another kind than the model's", async () => {
    const report = await conformanceOf('wrong-output-kind');
    expect(reported(report, 'media-type')).toContain(
      'tone/speech: output 1 of its example is audio/mpeg, but the model declares image output.',
    );
  });

  it('catches a required prompt made optional', async () => {
    const report = await conformanceOf('optional-prompt');
    expect(reported(report, 'required-params')).toEqual([
      'tone/speech: its schema accepts a text-to-speech request without a prompt ({"voice":"high","speed":1.5}), and it reached the API and submit answered succeeded.',
    ]);
  });

  it('catches a second model never exercised', async () => {
    const report = await conformanceOf('unexercised-model');
    expect(reported(report, 'models-exercised')).toEqual([
      'tone/speech-hd: the plugin lists this model but nothing exercises it: give it an `example`, or a request under `requests`.',
    ]);
  });

  it('catches a price that is not finite for some valid parameters', async () => {
    const report = await conformanceOf('infinite-price');
    expect(reported(report, 'prices')).toEqual([
      'tone/speech: estimatePrice gives Infinity dollars with speed = 2.',
    ]);
  });

  it('catches a value the request gave that never reached the API', async () => {
    const report = await conformanceOf('drops-voice');
    expect(reported(report, 'request-body')).toEqual([
      'tone/speech: `voice` ("high") of its example did not reach the request the fake received: dropped or changed on the way.',
    ]);
  });

  it('catches a request body other than the one the author says the request sends', async () => {
    const setup = await speechConformance('drops-voice');
    server = setup.server;
    const report = await runConformance({
      ...setup.options,
      requests: {
        'tone/speech': { params: { prompt: 'Hi.', voice: 'low' }, sends: { text: 'Hi.', voice: 'low' } },
      },
    });
    expect(reported(report, 'request-body')).toEqual([
      'tone/speech: no request the fake received during its request holds {"text":"Hi.","voice":"low"}.',
      'tone/speech: `voice` ("low") of its request did not reach the request the fake received: dropped or changed on the way.',
    ]);
  });

  it('catches an ability the options declare absent', async () => {
    const report = await conformanceOf('undeclared-cancel');
    expect(reported(report, 'cancel')).toEqual([
      'tone: declares `supports: { cancel: false }` but the provider has a `cancel` method.',
    ]);
    const setup = await speechConformance();
    await server?.close();
    server = setup.server;
    const offline = await runConformance({
      ...setup.options,
      supports: { poll: false, cancel: false, http: false },
    });
    expect(reported(offline, 'request-body')).toEqual([
      `tone: declares \`supports: { http: false }\` but made HTTP requests (the first: POST ${server.url}/v1/speech).`,
    ]);
  });
});

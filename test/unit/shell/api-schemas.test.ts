import { describe, expect, test } from "vitest";
import { CHANNELS, METHODS, requestSchemas } from "../../../src-main/api/index";
import { createDispatch, type Handlers } from "../../../src-main/services/dispatch";

describe("the API contract", () => {
  test("every channel has a schema and every method names a channel", () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([...CHANNELS].sort());
    expect(new Set(Object.values(METHODS))).toEqual(new Set(CHANNELS));
  });

  test.each([
    ["level:get", {}],
    ["level:get", { packId: "heapwise" }],
    ["level:get", { packId: "heapwise", levelId: "" }],
    ["level:get", { packId: "heapwise", levelId: 7 }],
    ["level:get", { packId: "heapwise", levelId: "x", extra: true }],
    ["session:start", { source: 42 }],
    ["session:start", { source: "x".repeat(100_001) }],
    ["session:step", {}],
    ["session:step", null],
    ["session:step", "s1"],
    ["attempt:submit", { packId: "p", levelId: "l", code: "", hintsUsed: 0, answer: { kind: "cut", lines: [] } }],
    ["attempt:submit", { packId: "p", levelId: "l", code: "", hintsUsed: -1, answer: { kind: "predict", lines: [] } }],
    ["attempt:submit", { packId: "p", levelId: "l", code: "", hintsUsed: 0.5, answer: { kind: "predict", lines: [] } }],
    ["attempt:submit", { packId: "p", levelId: "l", code: "", hintsUsed: 0, answer: { kind: "predict", lines: [2, 3, 2] } }],
    ["attempt:submit", { packId: "p", levelId: "l", code: "", answer: { kind: "predict", lines: ["2"] } }],
    ["app:info", { anything: 1 }],
  ] as const)("%s rejects %j", (channel, payload) => {
    expect(requestSchemas[channel].safeParse(payload).success).toBe(false);
  });

  test("well-formed requests pass", () => {
    expect(requestSchemas["level:get"].safeParse({ packId: "heapwise", levelId: "getrefcount" }).success).toBe(true);
    expect(
      requestSchemas["attempt:submit"].safeParse({
        packId: "heapwise",
        levelId: "getrefcount",
        code: "import sys\n",
        hintsUsed: 1,
        answer: { kind: "predict", lines: ["2", "3", "2"] },
      }).success,
    ).toBe(true);
  });
});

describe("dispatch", () => {
  const calls: unknown[] = [];
  const handler = async (request: unknown) => {
    calls.push(request);
    return { closed: true };
  };
  const handlers = Object.fromEntries(CHANNELS.map((c) => [c, handler])) as unknown as Handlers;
  const dispatch = createDispatch(handlers, () => {});

  test("a bad payload never reaches the handler", async () => {
    calls.length = 0;
    const envelope = await dispatch("session:close", { sessionId: 5 });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.code).toBe("bad-request");
    expect(calls).toEqual([]);
  });

  test("an unknown channel is refused", async () => {
    const envelope = await dispatch("fs:readFile", { path: "/etc/passwd" });
    expect(envelope).toMatchObject({ ok: false, error: { code: "bad-request" } });
  });

  test("a good payload reaches the handler, parsed", async () => {
    calls.length = 0;
    const envelope = await dispatch("session:close", { sessionId: "s1" });
    expect(envelope).toEqual({ ok: true, value: { closed: true } });
    expect(calls).toEqual([{ sessionId: "s1" }]);
  });

  test("a handler that throws gives an internal error, not a crash", async () => {
    const failing = { ...handlers, "session:close": async () => { throw new Error("boom"); } } as Handlers;
    const envelope = await createDispatch(failing, () => {})("session:close", { sessionId: "s1" });
    expect(envelope).toMatchObject({ ok: false, error: { code: "internal" } });
  });
});

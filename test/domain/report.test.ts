import { describe, expect, it } from 'vitest';
import {
  casualtiesSchema,
  followUpSubmissionSchema,
  incidentFactsSchema,
  reportSubmissionSchema,
} from '../../src/contract/report.js';
import { CREDIT_CODE_MESSAGES } from '../../src/domain/credit-code.js';

type Json = Record<string, unknown>;

function submission(): Json {
  return {
    jurisdictionId: 'xinyang',
    title: '某化工公司硫化氢中毒事故',
    occurredAt: '2026-11-23T08:30:00+08:00',
    receivedAt: '2026-11-23T09:05:00+08:00',
    place: { address: '信阳市浉河区某路1号', township: '老城街道' },
    employer: {
      name: '某化工有限公司',
      creditCode: '91350100M000100Y43',
      industry: 'chemical',
      ownership: 'private',
      licensed: true,
      laborRelation: 'determined',
    },
    settings: ['construction_site'],
    hazard: { category: 'acute_poisoning', agent: '硫化氢' },
    casualties: { exposed: 20, acuteCases: 3, severeCases: 1, deaths: 1, anthraxCases: 0 },
    flags: ['media_attention'],
    narrative: '清理污水池时3人中毒，1人死亡。',
    measuresTaken: '已停止作业，封闭现场。',
    reporter: { name: '张三', phone: '0376-1234567' },
  };
}

/** A deep copy with one value replaced (or removed when value is undefined) at a dotted path. */
function withValue(base: Json, path: string, value: unknown): Json {
  const copy = structuredClone(base);
  const keys = path.split('.');
  let target = copy as Json;
  for (const k of keys.slice(0, -1)) target = target[k] as Json;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

function paths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): PropertyKey[][] {
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => i.path);
}

describe('reportSubmissionSchema', () => {
  describe('good input', () => {
    it('parses a full submission unchanged, with empty adjustment lists by default', () => {
      const r = reportSubmissionSchema.safeParse(submission());
      expect(r.success).toBe(true);
      expect(r.data).toEqual({ ...submission(), extraUnits: [], excludeUnits: [], drill: false });
    });

    it('takes a phone number written with +, -, (), spaces, once it has five digits', () => {
      for (const phone of ['12345', '+86 (376) 123-4567', '0376-1234567'])
        expect(reportSubmissionSchema.safeParse(withValue(submission(), 'reporter.phone', phone)).success, phone).toBe(true);
    });

    it('fills defaults for a minimal submission', () => {
      const minimal = submission();
      for (const k of ['receivedAt', 'settings', 'flags', 'measuresTaken']) delete minimal[k];
      delete (minimal.employer as Json).creditCode;
      delete (minimal.place as Json).township;
      delete (minimal.hazard as Json).agent;
      const r = reportSubmissionSchema.parse(minimal);
      expect(r.settings).toEqual([]);
      expect(r.flags).toEqual([]);
      expect(r.extraUnits).toEqual([]);
      expect(r.excludeUnits).toEqual([]);
      expect(r.receivedAt).toBeUndefined();
      expect(r.employer.creditCode).toBeUndefined();
      expect(r.place.township).toBeUndefined();
    });

    it('trims text and upper-cases the credit code', () => {
      const s = submission();
      s.title = '  标题  ';
      (s.employer as Json).creditCode = ' 91350100m000100y43 ';
      (s.place as Json).township = ' 老城街道 ';
      const r = reportSubmissionSchema.parse(s);
      expect(r.title).toBe('标题');
      expect(r.employer.creditCode).toBe('91350100M000100Y43');
      expect(r.place.township).toBe('老城街道');
    });

    it('accepts Z and other offsets', () => {
      expect(reportSubmissionSchema.safeParse(withValue(submission(), 'occurredAt', '2026-11-23T00:30:00Z')).success).toBe(true);
      expect(reportSubmissionSchema.safeParse(withValue(submission(), 'occurredAt', '2026-11-23T08:30:00.123+08:00')).success).toBe(true);
    });

    it('accepts receivedAt equal to occurredAt, comparing instants across offsets', () => {
      const s = submission();
      s.occurredAt = '2026-11-23T08:30:00+08:00';
      s.receivedAt = '2026-11-23T00:30:00Z';
      expect(reportSubmissionSchema.safeParse(s).success).toBe(true);
    });

    it('keeps adjustments with their reasons', () => {
      const s = submission();
      s.extraUnits = [{ unitId: 'xy_gaj', role: 'support', reason: ' 涉嫌刑事犯罪 ' }];
      s.excludeUnits = [{ unitId: 'xy_czj', reason: '不涉及' }];
      const r = reportSubmissionSchema.parse(s);
      expect(r.extraUnits).toEqual([{ unitId: 'xy_gaj', role: 'support', reason: '涉嫌刑事犯罪' }]);
      expect(r.excludeUnits).toEqual([{ unitId: 'xy_czj', reason: '不涉及' }]);
    });

    it('accepts zero counts everywhere', () => {
      const r = reportSubmissionSchema.safeParse(
        withValue(submission(), 'casualties', { exposed: 0, acuteCases: 0, severeCases: 0, deaths: 0, anthraxCases: 0 }),
      );
      expect(r.success).toBe(true);
    });
  });

  describe('bad input: the issue path names the field', () => {
    it.each<[string, string, unknown, PropertyKey[]]>([
      ['wrong credit check character', 'employer.creditCode', '91350100M000100Y44', ['employer', 'creditCode']],
      ['credit code of 17 characters', 'employer.creditCode', '91350100M000100Y4', ['employer', 'creditCode']],
      ['credit code with a forbidden letter', 'employer.creditCode', '91350100I000100Y43', ['employer', 'creditCode']],
      ['occurredAt without an offset', 'occurredAt', '2026-11-23T08:30:00', ['occurredAt']],
      ['occurredAt as a date only', 'occurredAt', '2026-11-23', ['occurredAt']],
      ['occurredAt as free text', 'occurredAt', '昨天上午', ['occurredAt']],
      ['occurredAt missing', 'occurredAt', undefined, ['occurredAt']],
      ['receivedAt without an offset', 'receivedAt', '2026-11-23 09:05', ['receivedAt']],
      ['blank title', 'title', '   ', ['title']],
      ['too long title', 'title', '长'.repeat(121), ['title']],
      ['blank address', 'place.address', '', ['place', 'address']],
      ['blank employer name', 'employer.name', ' ', ['employer', 'name']],
      ['unknown industry', 'employer.industry', 'banking', ['employer', 'industry']],
      ['unknown ownership', 'employer.ownership', 'public', ['employer', 'ownership']],
      ['licensed as a string', 'employer.licensed', 'yes', ['employer', 'licensed']],
      ['unknown labour relation', 'employer.laborRelation', 'maybe', ['employer', 'laborRelation']],
      ['unknown hazard category', 'hazard.category', 'noise', ['hazard', 'category']],
      ['negative deaths', 'casualties.deaths', -1, ['casualties', 'deaths']],
      ['fractional acute cases', 'casualties.acuteCases', 3.5, ['casualties', 'acuteCases']],
      ['count as a string', 'casualties.exposed', '20', ['casualties', 'exposed']],
      ['too many anthrax cases', 'casualties.anthraxCases', 100001, ['casualties', 'anthraxCases']],
      ['missing anthrax cases', 'casualties.anthraxCases', undefined, ['casualties', 'anthraxCases']],
      ['severe cases exceed acute cases', 'casualties.severeCases', 4, ['casualties', 'severeCases']],
      ['blank narrative', 'narrative', '', ['narrative']],
      ['bad phone', 'reporter.phone', 'call me', ['reporter', 'phone']],
      ['blank jurisdiction', 'jurisdictionId', '', ['jurisdictionId']],
      ['missing jurisdiction', 'jurisdictionId', undefined, ['jurisdictionId']],
      ['unknown setting', 'settings', ['factory'], ['settings', 0]],
      ['duplicate setting', 'settings', ['school', 'school'], ['settings', 1]],
      ['phone without digits', 'reporter.phone', '- - - -', ['reporter', 'phone']],
      ['phone with four digits', 'reporter.phone', '(12) 3-4', ['reporter', 'phone']],
      ['duplicate other township', 'place.otherTownships', ['乙镇', '丙街道', '乙镇'], ['place', 'otherTownships', 2]],
      ['unknown flag', 'flags', ['urgent'], ['flags', 0]],
      ['receivedAt before occurredAt', 'receivedAt', '2026-11-23T08:29:59+08:00', ['receivedAt']],
      ['extra unit without a reason', 'extraUnits', [{ unitId: 'a_b', role: 'lead', reason: ' ' }], ['extraUnits', 0, 'reason']],
      ['extra unit with an unknown role', 'extraUnits', [{ unitId: 'a_b', role: 'boss', reason: '理由' }], ['extraUnits', 0, 'role']],
      ['excluded unit without an id', 'excludeUnits', [{ unitId: '', reason: '理由' }], ['excludeUnits', 0, 'unitId']],
    ])('%s → %j', (_label, path, value, expected) => {
      expect(paths(reportSubmissionSchema.safeParse(withValue(submission(), path, value)))).toEqual([expected]);
    });

    it('a malformed occurredAt is reported once, without a false "received before occurred" issue', () => {
      const s = withValue(submission(), 'occurredAt', '2099-01-01T00:00:00');
      expect(paths(reportSubmissionSchema.safeParse(s))).toEqual([['occurredAt']]);
    });

    it('a malformed receivedAt before occurredAt is reported once, for its format', () => {
      const r = reportSubmissionSchema.safeParse(withValue(submission(), 'receivedAt', '1999-01-01T00:00:00'));
      expect(paths(r)).toEqual([['receivedAt']]);
      expect(r.error!.issues[0]!.message).toContain('时区');
    });

    it('receivedAt before occurredAt says so', () => {
      const r = reportSubmissionSchema.safeParse(withValue(submission(), 'receivedAt', '2026-11-23T00:29:59Z'));
      expect(paths(r)).toEqual([['receivedAt']]);
      expect(r.error!.issues[0]!.message).toContain('接报时间不能早于发生时间');
    });

    it('the credit-code issue carries the check-digit message', () => {
      const r = reportSubmissionSchema.safeParse(withValue(submission(), 'employer.creditCode', '91350100M000100Y44'));
      expect(r.error!.issues[0]!.message).toBe(CREDIT_CODE_MESSAGES.check_digit);
    });

    it('the offset message explains the expected format', () => {
      const r = reportSubmissionSchema.safeParse(withValue(submission(), 'occurredAt', '2026-11-23T08:30:00'));
      expect(r.error!.issues[0]!.message).toContain('时区');
    });

    it('reports several problems at once, each at its own path', () => {
      const s = submission();
      (s.employer as Json).creditCode = 'X';
      (s.casualties as Json).deaths = -2;
      s.occurredAt = 'now';
      expect(paths(reportSubmissionSchema.safeParse(s))).toEqual(
        expect.arrayContaining([['employer', 'creditCode'], ['casualties', 'deaths'], ['occurredAt']]),
      );
    });

    it('messages are Chinese first, English after', () => {
      const r = reportSubmissionSchema.safeParse(withValue(submission(), 'casualties.deaths', -1));
      expect(r.error!.issues[0]!.message).toBe('死亡人数不能为负数 (cannot be negative)');
    });
  });
});

describe('casualtiesSchema', () => {
  it('severe cases equal to acute cases is allowed', () => {
    expect(casualtiesSchema.safeParse({ exposed: 5, acuteCases: 2, severeCases: 2, deaths: 0, anthraxCases: 0 }).success).toBe(true);
  });
  it('severe cases above acute cases fails at severeCases', () => {
    const r = casualtiesSchema.safeParse({ exposed: 5, acuteCases: 2, severeCases: 3, deaths: 0, anthraxCases: 0 });
    expect(paths(r)).toEqual([['severeCases']]);
  });
});

describe('incidentFactsSchema', () => {
  it('has no jurisdiction or adjustments', () => {
    const { jurisdictionId: _j, ...facts } = submission();
    const r = incidentFactsSchema.parse(facts);
    expect(r).not.toHaveProperty('jurisdictionId');
    expect(r).not.toHaveProperty('extraUnits');
  });
});

describe('followUpSubmissionSchema', () => {
  function followUp(): Json {
    const { jurisdictionId: _j, receivedAt: _r, ...facts } = submission();
    return { ...facts, kind: 'follow_up' };
  }

  it('parses a 续报 with empty adjustment lists by default', () => {
    const r = followUpSubmissionSchema.parse(followUp());
    expect(r.kind).toBe('follow_up');
    expect(r.extraUnits).toEqual([]);
    expect(r.excludeUnits).toEqual([]);
  });

  it('parses a 终报', () => {
    expect(followUpSubmissionSchema.parse({ ...followUp(), kind: 'final' }).kind).toBe('final');
  });

  it.each([['initial'], ['closing'], [undefined]])('kind %j is rejected at ["kind"]', (kind) => {
    expect(paths(followUpSubmissionSchema.safeParse(withValue(followUp(), 'kind', kind)))).toEqual([['kind']]);
  });

  it('does not take receivedAt (the receipt time is the commission’s)', () => {
    const r = followUpSubmissionSchema.parse({ ...followUp(), receivedAt: '2026-11-23T09:05:00+08:00' });
    expect(r).not.toHaveProperty('receivedAt');
  });

  it.each<[string, unknown, PropertyKey[]]>([
    ['casualties.severeCases', 9, ['casualties', 'severeCases']],
    ['employer.creditCode', '91350100M000100Y4Z', ['employer', 'creditCode']],
    ['occurredAt', '2026-11-23T08:30', ['occurredAt']],
  ])('bad %s → %j', (path, value, expected) => {
    expect(paths(followUpSubmissionSchema.safeParse(withValue(followUp(), path, value)))).toEqual([expected]);
  });
});

describe('drills and the commander’s close override', () => {
  function followUp(kind: 'follow_up' | 'final'): Json {
    const { jurisdictionId: _j, receivedAt: _r, ...facts } = submission();
    return { ...facts, kind };
  }

  it('a report is real unless it says drill: true', () => {
    expect(reportSubmissionSchema.parse(submission()).drill).toBe(false);
    expect(reportSubmissionSchema.parse({ ...submission(), drill: true }).drill).toBe(true);
  });

  it.each([['yes'], [1], [null]])('drill %j is rejected at ["drill"]', (drill) => {
    expect(paths(reportSubmissionSchema.safeParse({ ...submission(), drill }))).toEqual([['drill']]);
  });

  it('a 终报 may carry closeOverride with a reason', () => {
    expect(followUpSubmissionSchema.parse({ ...followUp('final'), closeOverride: { reason: '上级已书面同意结案' } }).closeOverride).toEqual({ reason: '上级已书面同意结案' });
  });

  it('closeOverride needs a reason', () => {
    expect(paths(followUpSubmissionSchema.safeParse({ ...followUp('final'), closeOverride: { reason: '  ' } }))).toEqual([['closeOverride', 'reason']]);
  });

  it('closeOverride on a 续报 is rejected at ["closeOverride"]', () => {
    expect(paths(followUpSubmissionSchema.safeParse({ ...followUp('follow_up'), closeOverride: { reason: '理由' } }))).toEqual([['closeOverride']]);
  });
});

/** zod's built-in messages in plain Chinese, for the server and the desk pages alike. */
import { config, type core } from 'zod';

const KIND: Record<string, string> = { string: '文字', number: '数字', int: '整数', boolean: '“是”或“否”', array: '列表', object: '一组内容', date: '日期' };

/**
 * zod's own messages (for checks written without one) in plain Chinese, without type names or
 * codes: 「此项必填」, 「至少2个字」, 「请从列表中选择」. A schema's own message always wins.
 */
export function chineseIssueMessage(issue: core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? '此项必填' : `须为${KIND[issue.expected] ?? '正确的格式'}`;
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? '此项不能为空' : `至少${n}个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少${n}项`;
      return `不能小于${n}`;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return `不超过${n}个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `不超过${n}项`;
      return `不能大于${n}`;
    }
    case 'invalid_value':
      return '请从列表中选择';
    case 'invalid_format':
      return '格式不正确';
    case 'not_multiple_of':
      return '数值不正确';
    case 'unrecognized_keys':
      return '含有无法识别的内容';
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return '填写有误';
    default:
      return '填写有误';
  }
}

/** Installs the Chinese messages for every schema parsed in this process (server) or page (web). */
export function useChineseMessages(): void {
  config({ customError: (issue) => chineseIssueMessage(issue) });
}

// The pieces behind issue 13's Chinese, local-time screens: one time formatter on the configured
// clock, names for stored codes, audit details as sentences, and search read as the classifier reads.
import { describe, expect, it } from 'vitest';
import { formatLocalTime, localWallDate } from '../../core/local-time.js';
import { loadConfig } from '../../pipeline/config/load.js';
import { ConfigError } from '../../core/errors.js';
import { auditActionName, describeAuditDetail } from '../../pipeline/display/audit-actions.js';
import { certName, contactDisplay, contactKindName, platformName } from '../../pipeline/display/display-labels.js';
import { interpretSearch } from '../../dashboards/queue/search-query.js';
import { parseQueueFilters } from '../../dashboards/queue/queue-filters.js';

describe('local time', () => {
  it('shows a stored UTC time on the Beijing clock by default and on a configured zone otherwise', () => {
    const at = new Date('2026-11-20T16:30:05Z');
    expect(formatLocalTime(at)).toBe('2026-11-21 00:30');
    expect(formatLocalTime(at, 'Europe/Berlin', { seconds: true })).toBe('2026-11-20 17:30:05');
    expect(formatLocalTime(null)).toBe('—');
    expect(localWallDate(at)!.toISOString()).toBe('2026-11-21T00:30:05.000Z');
  });

  it('takes the zone from config (CERTWATCH_TIME_ZONE) and names the key of a bad one', () => {
    expect(loadConfig({ env: {} }).timeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ env: { CERTWATCH_TIME_ZONE: 'Asia/Urumqi' } }).timeZone).toBe('Asia/Urumqi');
    expect(() => loadConfig({ env: { CERTWATCH_TIME_ZONE: 'Mars/Olympus' } })).toThrow(ConfigError);
    try {
      loadConfig({ env: { CERTWATCH_TIME_ZONE: 'Mars/Olympus' } });
    } catch (err) {
      expect((err as ConfigError).message).toContain('CERTWATCH_TIME_ZONE');
    }
  });
});

describe('names for stored codes', () => {
  it('names platforms, contact kinds and certificates, never showing the code', () => {
    expect(platformName('qa')).toBe('问答社区');
    expect(platformName('seo')).toBe('卖家推广站');
    expect(platformName('no-such-platform')).toBe('其他网站');
    expect(contactKindName('phone')).toBe('手机');
    expect(contactDisplay('handle', '127.0.0.6:8992|电工小王')).toBe('电工小王（127.0.0.6:8992）');
    expect(contactDisplay('wechat', 'qr:EJzTk7oXbXrGhKZxq0wL1bE')).toBe('EJzTk7oXbXrGhKZxq0wL1bE（二维码名片）');
    expect(contactDisplay('wechat', 'dgz8888')).toBe('dgz8888');
    expect(certName('samr.boiler', '锅炉')).toBe('锅炉作业(特种设备)');
    expect(certName('mohurd.electrician')).toBe('建筑电工');
  });

  it('describes audit and custody entries in words', () => {
    expect(auditActionName('decision.confirm')).toBe('确认线索');
    expect(auditActionName('export_written')).toBe('证据包已保存');
    expect(describeAuditDetail({ from: 'new', to: 'confirmed', pack_version_id: 4 })).toBe('新线索 → 已确认');
    expect(describeAuditDetail({ version: 2, sha256: 'a'.repeat(64) })).toBe(`版本：第 2 版；SHA-256：${'a'.repeat(12)}…`);
    expect(describeAuditDetail({ format: 'xlsx', period: 'week', from: '2026-11-01' })).toBe('格式：xlsx；统计周期：week；起始：2026-11-01');
  });
});

describe('search', () => {
  it('folds full-width forms, separators and look-alikes as the classifier does', () => {
    expect(interpretSearch('ｄｇｚ－７３４５')).toMatchObject({ contacts: ['dgz-7345'], isContact: true });
    expect(interpretSearch('１３８ ００００ ５０００')).toMatchObject({ contacts: ['13800005000'], isContact: true });
    expect(interpretSearch('電工證')).toMatchObject({ isContact: false });
  });

  it('searches every status for a contact under the default status, and keeps a chosen one', () => {
    expect(parseQueueFilters({ q: 'ｄｇｚ－７３４５' }).status).toBe('all');
    expect(parseQueueFilters({ q: 'ｄｇｚ－７３４５', status: 'open' }).status).toBe('all');
    expect(parseQueueFilters({ q: 'ｄｇｚ－７３４５', status: 'referred' }).status).toBe('referred');
    expect(parseQueueFilters({ q: '电工证' }).status).toBe('open');
  });
});

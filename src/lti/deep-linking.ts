import { SignJWT } from 'jose';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { CLAIM } from './claims.js';
import type { DeepLinkingSettings } from './launch-context.js';
import type { ToolSigningKey } from './tool-keys.js';

/** @see https://www.imsglobal.org/spec/lti-dl/v2p0#lti-resource-link */
export interface ResourceLinkItem {
  type: 'ltiResourceLink';
  title: string;
  text: string;
  url: string;
  custom: Record<string, string>;
  lineItem?: { label: string; scoreMaximum: number; resourceId: string; tag: string };
}

export interface DeepLinkingResponseInput {
  key: ToolSigningKey;
  issuer: string;
  clientId: string;
  deploymentId: string;
  settings: DeepLinkingSettings;
  items: ResourceLinkItem[];
  clock: Clock;
}

/** Refuses what the platform said it would not accept, before anything is signed. */
export function checkItemsAccepted(settings: DeepLinkingSettings, items: ResourceLinkItem[]): void {
  if (!settings.acceptTypes.includes('ltiResourceLink')) {
    throw new AppError('DEEP_LINK_TYPE_NOT_ACCEPTED', 400, `The LMS asked for ${settings.acceptTypes.join(', ')} content, and this tool only provides activity links.`, { advice: 'Add the tool from the LMS\'s activity or external tool chooser instead.' });
  }
  if (items.length > 1 && !settings.acceptMultiple) {
    throw new AppError('DEEP_LINK_ONE_ITEM', 400, 'The LMS accepts one activity at a time here. Choose one.');
  }
}

/**
 * The signed LtiDeepLinkingResponse the browser posts back to the platform.
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-response-message
 */
export async function signDeepLinkingResponse(input: DeepLinkingResponseInput): Promise<string> {
  checkItemsAccepted(input.settings, input.items);
  const now = Math.floor(input.clock.now().getTime() / 1000);
  const payload: Record<string, unknown> = {
    nonce: crypto.randomUUID(),
    [CLAIM.deploymentId]: input.deploymentId,
    [CLAIM.messageType]: 'LtiDeepLinkingResponse',
    [CLAIM.version]: '1.3.0',
    [CLAIM.contentItems]: input.items,
  };
  if (input.settings.data !== null) payload[CLAIM.deepLinkingData] = input.settings.data;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: input.key.kid, typ: 'JWT' })
    .setIssuer(input.clientId).setAudience(input.issuer)
    .setIssuedAt(now).setExpirationTime(now + 600)
    .sign(input.key.privateKey);
}

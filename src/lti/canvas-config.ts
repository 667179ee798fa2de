import { TOOL_CUSTOM_PARAMETERS, TOOL_DESCRIPTION, TOOL_SCOPES, toolUrls } from './tool-description.js';

/**
 * The Canvas developer-key JSON ("Paste JSON" configuration method).
 * @see https://canvas.instructure.com/doc/api/file.lti_dev_key_config.html
 */
export function canvasToolConfiguration(publicUrl: string, title: string) {
  const urls = toolUrls(publicUrl);
  const placement = (name: string, messageType: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest', extra: Record<string, unknown> = {}) => ({
    placement: name,
    message_type: messageType,
    target_link_uri: urls.launch,
    text: title,
    icon_url: urls.icon,
    ...extra,
  });
  return {
    title,
    description: TOOL_DESCRIPTION,
    oidc_initiation_url: urls.login,
    target_link_uri: urls.launch,
    public_jwk_url: urls.keys,
    scopes: TOOL_SCOPES,
    extensions: [
      {
        domain: new URL(publicUrl).host,
        tool_id: 'mentoring-circles',
        platform: 'canvas.instructure.com',
        privacy_level: 'public',
        settings: {
          text: title,
          icon_url: urls.icon,
          placements: [
            placement('course_navigation', 'LtiResourceLinkRequest', { default: 'enabled', visibility: 'members' }),
            placement('link_selection', 'LtiResourceLinkRequest'),
            placement('assignment_selection', 'LtiDeepLinkingRequest'),
            placement('editor_button', 'LtiDeepLinkingRequest'),
          ],
        },
      },
    ],
    custom_fields: { ...TOOL_CUSTOM_PARAMETERS, canvas_course_id: '$Canvas.course.id', canvas_user_id: '$Canvas.user.id' },
  };
}

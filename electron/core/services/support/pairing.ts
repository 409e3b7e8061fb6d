/**
 * Pairing another screen: the links with their token, and a link's QR code, drawn as an SVG string on the
 * server so that the kiosk bundle does not carry a QR encoder.
 */
import QRCode from 'qrcode';
import type { AccessTokens } from '../../secrets/access-tokens';

/** The pairing link as an SVG QR code (dark on light, with the quiet zone scanners need). */
export function pairingSvg(url: string): Promise<string> {
  return QRCode.toString(url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
    color: { dark: '#000000', light: '#ffffff' },
  });
}

/** Where another screen opens this server, with the token in the link. */
export interface PairingUrls {
  /** the wall: read-only, e.g. `http://192.168.1.20:4173/?token=…` */
  viewerUrl: string;
  /** the admin page, which can change data: `…/admin?token=…` */
  adminUrl: string;
}

/** The pairing links of a server at `base` (`http://192.168.1.20:4173`): the wall's and the admin page's. */
export function pairingUrlsAt(base: string, tokens: AccessTokens): PairingUrls {
  return { viewerUrl: `${base}/?token=${tokens.viewer}`, adminUrl: `${base}/admin?token=${tokens.admin}` };
}

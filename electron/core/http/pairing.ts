/**
 * The QR code that pairs a phone or laptop: the link with its token, drawn as an SVG string on the server
 * so that the kiosk bundle does not carry a QR encoder.
 */
import QRCode from 'qrcode';

/** The pairing link as an SVG QR code (dark on light, with the quiet zone scanners need). */
export function pairingSvg(url: string): Promise<string> {
  return QRCode.toString(url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
    color: { dark: '#000000', light: '#ffffff' },
  });
}

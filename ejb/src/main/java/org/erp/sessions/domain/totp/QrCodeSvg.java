package org.erp.sessions.domain.totp;

import io.nayuki.qrcodegen.QrCode;

/**
 * Draws a QR code as a self-contained SVG, here, with Nayuki's QR Code generator: the secret in
 * the otpauth URI never leaves the server for a third-party image service.
 */
public final class QrCodeSvg {

  private static final int QUIET_ZONE = 4;

  private QrCodeSvg() {}

  public static String of(String text) {
    QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    int size = qr.size + 2 * QUIET_ZONE;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < qr.size; y++) {
      for (int x = 0; x < qr.size; x++) {
        if (qr.getModule(x, y)) {
          path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
        + "\" width=\"200\" height=\"200\" shape-rendering=\"crispEdges\" role=\"img\""
        + " aria-label=\"QR code\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
  }
}

package org.erp.sessions.it.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A resolved input, as {@link RawHttpClient} sends it, with what the properties need to know
 * about it (the cookie and token sent, the sender's own token).
 */
record Request(
    String method,
    String target,
    List<String[]> headers,
    byte[] body,
    boolean chunked,
    String cookie,
    String csrf,
    String ownToken,
    boolean ownCsrf) {

  String bodyText() {
    return body == null ? "" : new String(body, StandardCharsets.UTF_8);
  }

  /**
   * What an answer may legitimately echo back (a key, a field name, a login), decoded several
   * ways: the path and the body. Not the headers: the cookie and the token must never come back.
   */
  String text() {
    StringBuilder text =
        new StringBuilder(target).append('\n').append(Text.percentDecode(target)).append('\n');
    String bodyText = bodyText();
    text.append(bodyText).append('\n').append(Text.jsonUnescape(bodyText));
    return text.toString();
  }
}

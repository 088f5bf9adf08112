package org.erp.sessions.logging;

import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;

/**
 * WildFly's pattern formatter, with every session id in the finished line hidden: in the message
 * and also in the text of an attached exception and its causes, which a handler's filter-spec
 * cannot reach (Infinispan's lock timeout ISPN000299 names {@code SessionMetaDataKey(<id>)} there).
 *
 * <p>A session id is a token of exactly 40 characters of the URL-safe base64 alphabet (30 random
 * bytes, Undertow's default), possibly followed by a route such as {@code .node1}. Class names,
 * UUIDs and the audit log's session names ({@code s:} and 16 hex digits) never match.
 */
public class SessionIdHidingFormatter extends PatternFormatter {

  static final Pattern SESSION_ID =
      Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])");
  static final String HIDDEN = "<id hidden>";

  /** For WildFly's custom-formatter, which sets the pattern as the property "pattern". */
  public SessionIdHidingFormatter() {}

  public SessionIdHidingFormatter(String pattern) {
    super(pattern);
  }

  @Override
  public String format(ExtLogRecord record) {
    return hide(super.format(record));
  }

  static String hide(String text) {
    return SESSION_ID.matcher(text).replaceAll(HIDDEN);
  }
}

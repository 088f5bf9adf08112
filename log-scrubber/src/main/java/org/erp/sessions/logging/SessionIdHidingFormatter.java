package org.erp.sessions.logging;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.JsonFormatter;
import org.jboss.logmanager.formatters.PatternFormatter;

/**
 * WildFly's pattern formatter, or its JSON formatter when {@code ERP_LOG_FORMAT=json} (system
 * property {@code erp.log.format}), with every session id in the finished line hidden: in the message
 * and also in the text of an attached exception and its causes, which a handler's filter-spec
 * cannot reach (Infinispan's lock timeout ISPN000299 names {@code SessionMetaDataKey(<id>)} there).
 *
 * <p>It also keeps request input from forging log lines: in the message, a line break starts a
 * continuation line ({@code "    | "}), never a line that could pass for an entry of its own, and
 * anywhere in the line other control characters (a carriage return, ANSI escapes) are shown as a
 * backslash, "u" and four hex digits. A header that RESTEasy quotes in a warning or in the text of
 * an exception is request input. (So the console is not coloured: no ANSI escapes at all.)
 *
 * <p>A session id is a token of exactly 40 characters of the URL-safe base64 alphabet (30 random
 * bytes, Undertow's default), possibly followed by a route such as {@code .node1}. Class names,
 * UUIDs and the audit log's session names ({@code s:} and 16 hex digits) never match. An escape
 * sequence right before a token (a {@code \n}, or a backslash, "u" and four hex digits, in a
 * JSON string or for a control character escaped here) ends the token before it, as the
 * character it stands for would.
 *
 * <p>JSON: one object per line (WildFly's {@code JsonFormatter} with its defaults; the pattern
 * property is then unused), which escapes every control character itself, so a message's line
 * breaks stay inside its object. The format is chosen once, when WildFly's logging subsystem
 * creates the formatter at boot.
 */
public class SessionIdHidingFormatter extends PatternFormatter {

  static final String FORMAT_PROPERTY = "erp.log.format";
  static final String FORMAT_VARIABLE = "ERP_LOG_FORMAT";

  static final Pattern SESSION_ID =
      Pattern.compile(
          "(?:(?<![A-Za-z0-9_-])|(?<=\\\\[bfnrt])|(?<=\\\\u[0-9A-Fa-f]{4}))"
              + "[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])");
  static final String HIDDEN = "<id hidden>";

  /** What a line break inside a message becomes: the next line is visibly part of this entry. */
  static final String CONTINUATION = "\n    | ";

  /** The JSON formatter, or null for the pattern. */
  private final JsonFormatter json;

  /** For WildFly's custom-formatter, which sets the pattern as the property "pattern". */
  public SessionIdHidingFormatter() {
    this(isJson(configuredFormat()));
  }

  public SessionIdHidingFormatter(String pattern) {
    this();
    setPattern(pattern);
  }

  private SessionIdHidingFormatter(boolean json) {
    this.json = json ? new JsonFormatter() : null;
  }

  /** {@code format}: "text" or "json", as {@link #configuredFormat()} reads it. */
  static SessionIdHidingFormatter ofFormat(String format) {
    return new SessionIdHidingFormatter(isJson(format));
  }

  /** The system property, else the environment variable, else "text". */
  static String configuredFormat() {
    String format = System.getProperty(FORMAT_PROPERTY);
    if (format == null || format.isBlank()) {
      format = System.getenv(FORMAT_VARIABLE);
    }
    return format == null || format.isBlank() ? "text" : format;
  }

  private static boolean isJson(String format) {
    return switch (format.trim().toLowerCase(Locale.ROOT)) {
      case "json" -> true;
      case "text" -> false;
      default ->
          throw new IllegalArgumentException(
              FORMAT_PROPERTY + " (" + FORMAT_VARIABLE + ") must be text or json, not: " + format);
    };
  }

  @Override
  public String format(ExtLogRecord record) {
    if (json != null) {
      return hide(escapeControls(json.format(record)));
    }
    String message = record.getFormattedMessage();
    ExtLogRecord shown = record;
    if (message != null && message.indexOf('\n') >= 0) {
      shown = new ExtLogRecord(record);
      shown.setMessage(message.replace("\n", CONTINUATION), ExtLogRecord.FormatStyle.NO_FORMAT);
      shown.setParameters(null);
    }
    return hide(escapeControls(super.format(shown)));
  }

  /**
   * Every control character but the line feed and the tab, as a backslash, "u" and four hex
   * digits: the line feeds left are the formatter's own (the line's end, a stack trace's lines)
   * or a message's continuation lines.
   */
  static String escapeControls(String text) {
    if (text.chars().noneMatch(SessionIdHidingFormatter::isControl)) {
      return text;
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    text.chars()
        .forEach(
            c -> {
              if (isControl(c)) {
                escaped.append(String.format("\\u%04x", c));
              } else {
                escaped.append((char) c);
              }
            });
    return escaped.toString();
  }

  private static boolean isControl(int c) {
    return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f;
  }

  static String hide(String text) {
    return SESSION_ID.matcher(text).replaceAll(HIDDEN);
  }
}

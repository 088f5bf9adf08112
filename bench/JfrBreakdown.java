import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples went, by step of the request and by library, as Markdown
 * tables for bench/README.md: each sample given to the innermost step of a request in its stack,
 * each sample given to the innermost library in its stack (the code that was running, JDK frames
 * and the Jakarta APIs' own classes skipped), the two together (which library ran in which
 * step), the share of samples whose stack holds each library anywhere (what it calls counted),
 * the hottest methods, and the service's own methods that the most samples pass through. Only the
 * threads whose name starts with THREAD_PREFIX (default "default task-", WildFly's request
 * threads) count, unless it is given empty.
 *
 * <p>java bench/JfrBreakdown.java RECORDING.jfr [THREAD_PREFIX]
 */
public class JfrBreakdown {

  /** Class-name prefixes and the library they belong to, the more specific first. */
  private static final String[][] LIBRARIES = {
    {"org.erp.", "the service's own code"},
    {"io.undertow.", "Undertow"},
    {"org.jboss.resteasy.", "RESTEasy"},
    {"org.jboss.weld.", "Weld (CDI)"},
    {"org.hibernate.validator.", "Hibernate Validator"},
    {"org.hibernate.", "Hibernate ORM"},
    {"org.infinispan.", "Infinispan"},
    {"org.wildfly.clustering.", "WildFly clustering"},
    {"org.wildfly.security.auth.jaspi.", "Jakarta Authentication (Elytron's JASPI)"},
    {"org.glassfish.soteria.", "Jakarta Security (Soteria)"},
    {"org.wildfly.security.", "Elytron"},
    {"org.eclipse.yasson.", "JSON-B / JSON-P"},
    {"org.eclipse.parsson.", "JSON-B / JSON-P"},
    {"org.glassfish.json.", "JSON-B / JSON-P"},
    {"jakarta.json.", "JSON-B / JSON-P"},
    {"com.arjuna.", "Narayana (JTA)"},
    {"org.jboss.jca.", "IronJacamar (JDBC pool)"},
    {"org.jboss.modules.", "JBoss Modules (class and resource loading)"},
    {"org.jboss.marshalling.", "JBoss Marshalling"},
    {"io.github.resilience4j.", "Resilience4j"},
    {"de.mkammerer.argon2.", "Argon2"},
    {"com.sun.jna.", "Argon2"},
    {"com.github.benmanes.caffeine.", "Caffeine"},
    {"org.h2.", "H2"},
    {"org.jgroups.", "JGroups"},
    {"io.smallrye.config.", "SmallRye Config"},
    {"io.smallrye.", "SmallRye (other)"},
    {"io.micrometer.", "Micrometer"},
    {"org.xnio.", "XNIO / JBoss Threads"},
    {"org.jboss.threads.", "XNIO / JBoss Threads"},
    {"org.jboss.logmanager.", "logging"},
    {"org.jboss.logging.", "logging"},
    {"org.jboss.as.naming.", "JNDI"},
    {"org.jboss.as.", "WildFly (other)"},
    {"org.wildfly.", "WildFly (other)"},
    {"org.jboss.", "JBoss (other)"},
  };

  /**
   * The steps of a request, each named by the method that it runs in (a prefix of class and
   * method name). A sample belongs to the innermost step in its stack: the validity check runs
   * inside the authentication, the session's close inside the sending of the answer, and each is
   * counted once, where it is innermost.
   */
  private static final String[][] STEPS = {
    {"org.erp.sessions.application.SessionValidity.check", "the validity check: user and device (kept per node, else read through Hibernate)"},
    {"org.erp.sessions.application.SessionValidity.companies", "the company names of the answer (kept per node, else read through Hibernate)"},
    {"org.wildfly.elytron.web.undertow.server.servlet.ServletSecurityContextImpl.authenticate", "authentication around the check (the service's module, Elytron, CDI)"},
    {"org.jboss.resteasy.core.SynchronousDispatcher.writeResponse", "the answer written as JSON (RESTEasy, JSON-B, response filters)"},
    {"org.jboss.resteasy.core.ResourceMethodInvoker.invoke", "the resource method with its request filters (RESTEasy)"},
    {"org.jboss.resteasy.plugins.server.servlet.ServletContainerDispatcher.service", "RESTEasy's dispatch around them (matching, contexts)"},
    {"org.wildfly.clustering.web.undertow.session.DistributableSession.requestDone", "the session closed after the answer: access time, expiration (WildFly clustering, Infinispan)"},
    {"io.undertow.servlet.spec.HttpServletRequestImpl.getSession", "the session looked up (WildFly clustering, Infinispan)"},
    {"org.jboss.weld.module.web.servlet.HttpContextLifecycle.", "CDI's request context begun and ended (Weld)"},
    {"io.undertow.servlet.spec.HttpServletResponseImpl.responseDone", "the answer sent (Undertow)"},
  };

  /** The JDK, and the Jakarta APIs' own classes (thin interfaces and bases), skipped. */
  private static final String[] JDK = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta."};

  public static void main(String[] args) throws Exception {
    Path recording = Path.of(args[0]);
    String threadPrefix = args.length > 1 ? args[1] : "default task-";
    Map<String, Integer> innermost = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> hotMethods = new HashMap<>();
    Map<String, Integer> ownMethods = new HashMap<>();
    Map<String, Integer> steps = new HashMap<>();
    Map<String, Integer> stepLibraries = new HashMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      var thread = event.getThread("sampledThread");
      String threadName = thread == null ? "" : String.valueOf(thread.getJavaName());
      RecordedStackTrace stack = event.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty() || !threadName.startsWith(threadPrefix)) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = stack.getFrames();
      hotMethods.merge(method(frames.get(0)), 1, Integer::sum);
      String running = null;
      Set<String> libraries = new LinkedHashSet<>();
      Set<String> own = new LinkedHashSet<>();
      for (RecordedFrame frame : frames) {
        String type = frame.getMethod().getType().getName();
        String library = libraryOf(type);
        if (library == null) {
          continue;
        }
        libraries.add(library);
        if (running == null) {
          running = library;
        }
        if (type.startsWith("org.erp.")) {
          own.add(method(frame));
        }
      }
      String step = stepOf(frames);
      steps.merge(step, 1, Integer::sum);
      innermost.merge(running == null ? "the JDK alone" : running, 1, Integer::sum);
      stepLibraries.merge(step + "`: `" + (running == null ? "the JDK alone" : running), 1, Integer::sum);
      libraries.forEach(library -> inclusive.merge(library, 1, Integer::sum));
      own.forEach(m -> ownMethods.merge(m, 1, Integer::sum));
    }
    if (samples == 0) {
      throw new IllegalStateException("no execution samples of threads named " + threadPrefix + "* in " + recording);
    }
    System.out.printf("%d execution samples of the request threads (%s*).%n%n", samples, threadPrefix);
    table("step of the request (the innermost in the stack)", steps, samples, 30);
    table("library (innermost in the stack: the code that ran)", innermost, samples, 30);
    table("step: the library that ran in it (innermost)", stepLibraries, samples, 20);
    table("library (anywhere in the stack: with what it calls)", inclusive, samples, 30);
    table("hottest methods (innermost frame)", hotMethods, samples, 15);
    table("the service's own methods (anywhere in the stack)", ownMethods, samples, 15);
  }

  private static String stepOf(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String method = method(frame);
      for (String[] step : STEPS) {
        if (method.startsWith(step[0])) {
          return step[1];
        }
      }
    }
    return "the rest: Undertow's handlers, servlet filters, the thread pool";
  }

  private static String libraryOf(String type) {
    for (String[] library : LIBRARIES) {
      if (type.startsWith(library[0])) {
        return library[1];
      }
    }
    for (String jdk : JDK) {
      if (type.startsWith(jdk)) {
        return null;
      }
    }
    return "other";
  }

  private static String method(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static void table(String title, Map<String, Integer> counts, int samples, int limit) {
    System.out.printf("| %s | samples | share |%n|---|---|---|%n", title);
    List<Map.Entry<String, Integer>> rows = new ArrayList<>(counts.entrySet());
    rows.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
    for (Map.Entry<String, Integer> row : rows.subList(0, Math.min(limit, rows.size()))) {
      System.out.printf(
          java.util.Locale.ROOT, "| `%s` | %d | %.1f %% |%n", row.getKey(), row.getValue(), 100.0 * row.getValue() / samples);
    }
    System.out.println();
  }
}

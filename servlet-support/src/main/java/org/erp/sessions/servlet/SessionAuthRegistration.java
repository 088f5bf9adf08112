package org.erp.sessions.servlet;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.ListenerInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;

/**
 * Registers {@link SessionAuthModule} as the Jakarta Authentication provider of every WAR of the
 * EAR (the service's and each ERP module's: Undertow finds this extension with each WAR's class
 * loader, which sees the EAR's lib/), and removes it when the WAR is undeployed.
 */
public class SessionAuthRegistration implements ServletExtension {

  /** The servlet profile's message layer. */
  private static final String LAYER = "HttpServlet";

  @Override
  public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
    // The servlet profile's application context: the virtual host and the context path.
    String appContext = context.getVirtualServerName() + " " + context.getContextPath();
    AuthConfigFactory factory = AuthConfigFactory.getFactory();
    Authenticators authenticators = new Authenticators(deployment.getClassLoader());
    String registration =
        factory.registerConfigProvider(
            new Provider(appContext, authenticators), LAYER, appContext, "ERP session check");
    ServletContextListener removal =
        new ServletContextListener() {
          @Override
          public void contextDestroyed(ServletContextEvent event) {
            factory.removeRegistration(registration);
          }
        };
    deployment.addListener(
        new ListenerInfo(
            ServletContextListener.class, new ImmediateInstanceFactory<>(removal), true));
  }

  /** The WAR's authenticator bean, looked up at the first request (CDI is not up before). */
  static final class Authenticators {
    private final ClassLoader deployment;
    private volatile RequestAuthenticator authenticator;

    Authenticators(ClassLoader deployment) {
      this.deployment = deployment;
    }

    RequestAuthenticator get() {
      RequestAuthenticator found = authenticator;
      if (found == null) {
        found = SessionAuthModule.lookUp(deployment);
        authenticator = found;
      }
      return found;
    }
  }

  /** One configuration per WAR: no client side, one context for every message. */
  private record Provider(String appContext, Authenticators authenticators)
      implements AuthConfigProvider {

    @Override
    public ServerAuthConfig getServerAuthConfig(
        String layer, String requestedContext, CallbackHandler container) {
      return new Config(appContext, new SessionAuthModule(container, authenticators));
    }

    @Override
    public ClientAuthConfig getClientAuthConfig(
        String layer, String requestedContext, CallbackHandler handler) {
      return null;
    }

    @Override
    public void refresh() {}
  }

  private record Config(String appContext, SessionAuthModule module) implements ServerAuthConfig {

    @Override
    public ServerAuthContext getAuthContext(
        String authContextId, Subject service, Map<String, Object> properties) {
      return module;
    }

    @Override
    public String getMessageLayer() {
      return LAYER;
    }

    @Override
    public String getAppContext() {
      return appContext;
    }

    @Override
    public String getAuthContextID(MessageInfo message) {
      return appContext;
    }

    @Override
    public void refresh() {}

    @Override
    public boolean isProtected() {
      return false;
    }
  }
}

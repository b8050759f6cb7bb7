package dev.breakfix.web.i18n;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.TemplateInstance;

/**
 * Gives every template instance made while serving a request that request's locale, which the {@code msg:}
 * messages follow. Instances rendered later on another thread (the live panel's events, a grade that waited)
 * set the locale themselves.
 */
@Singleton
public class LocaleInitializer implements TemplateInstance.Initializer {

    private final RequestLanguage language;

    public LocaleInitializer(RequestLanguage language) {
        this.language = language;
    }

    /** Quarkus builds the engine once; initializers are added to it here. */
    void register(@Observes EngineBuilder builder) {
        builder.addTemplateInstanceInitializer(this);
    }

    @Override
    public void accept(TemplateInstance instance) {
        instance.setLocale(language.current());
    }
}

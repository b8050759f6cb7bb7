package dev.breakfix.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** All of Breakfix's configuration, one nested group per capability. */
@ConfigMapping(prefix = "breakfix")
public interface BreakfixConfig {

    Catalog catalog();

    Images images();

    Grading grading();

    Auth auth();

    Api api();

    Cluster cluster();

    interface Catalog {
        /**
         * A directory laid out like the repository ({@code scenarios/<id>/scenario.yaml},
         * {@code labs/en/<id>.adoc}, translations in {@code labs/zh/<id>.adoc} and {@code labs/zh/<id>.yaml}); its
         * scenarios are added to the built-in ones or replace them by id, and its lab texts for built-in scenarios
         * replace theirs, per language.
         */
        Optional<String> directory();
    }

    interface Images {
        /**
         * Image overrides for private mirrors: the image as a manifest names it (e.g. {@code nginx},
         * {@code bookofkubernetes/crasher:stable}) mapped to the image to run instead.
         */
        Map<String, String> overrides();
    }

    interface Grading {
        /** How long every container must run and stay ready without a restart before a fix passes. */
        @WithDefault("10s")
        Duration stabilityWindow();

        /** The longest a grade request may wait for a pass. */
        @WithDefault("5m")
        Duration maxWait();
    }

    interface Auth {
        /** Bearer tokens with the instructor role (comma separated). */
        Optional<java.util.List<String>> instructorTokens();

        /** Bearer tokens with the grader role (comma separated). */
        Optional<java.util.List<String>> graderTokens();
    }

    interface Api {
        /** Largest request body accepted, in bytes. */
        @WithDefault("262144")
        int maxBodyBytes();
    }

    interface Cluster {
        /** How often to try again to reach the cluster while it is unreachable. */
        @WithDefault("5s")
        Duration reconnectInterval();

        /** Bulk operations (class start, reset) run this many labs at once. */
        @WithDefault("8")
        int concurrency();
    }
}

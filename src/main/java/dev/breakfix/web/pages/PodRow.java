package dev.breakfix.web.pages;

import java.util.List;

import dev.breakfix.diagnosis.EventRow;
import dev.breakfix.diagnosis.KubectlStatus;

/** A Pod as {@code kubectl get pods -o wide} prints it, with its containers and its {@code describe} events. */
public record PodRow(KubectlStatus kubectl, List<String> containers, List<EventRow> events, boolean terminating) {
}

package dev.breakfix.questions;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.breakfix.api.BadRequestException;
import dev.breakfix.lab.LabKey;
import dev.breakfix.lab.LabService;
import dev.breakfix.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The learner's answers to their own lab's debugging questions. As for the other learner actions, the learner is
 * the session's principal, and answers are sent as JSON (which a cross-site page cannot send without a preflight).
 */
@Path("/learn/api/labs/{scenario}/questions")
@RolesAllowed(Roles.LEARNER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Learner actions")
public class LearnerQuestionResource {

    private final LabService labs;
    private final QuestionService questions;
    private final SecurityIdentity identity;

    public LearnerQuestionResource(LabService labs, QuestionService questions, SecurityIdentity identity) {
        this.labs = labs;
        this.questions = questions;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "My lab's debugging questions, with my attempts and whether I answered right (never the answer)")
    public List<QuestionResult> list(@PathParam("scenario") String scenario,
            @Parameter(description = "language of the prompts: en or zh (default: Accept-Language, else en)") @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        return questions.results(lab(scenario), language(lang, acceptLanguage));
    }

    @POST
    @Path("{question}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer a question of my lab: {\"answer\": \"139\"}; spaces and case do not matter")
    public QuestionResult answer(@PathParam("scenario") String scenario, @PathParam("question") String question,
            @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String acceptLanguage, AnswerRequest request) {
        if (request == null) {
            throw new BadRequestException("send {\"answer\": \"...\"}");
        }
        return questions.answer(lab(scenario), question, request.answer(), language(lang, acceptLanguage));
    }

    /** A body that is not JSON, or not of the expected shape. */
    @org.jboss.resteasy.reactive.server.ServerExceptionMapper
    public jakarta.ws.rs.core.Response unreadable(com.fasterxml.jackson.core.JsonProcessingException e) {
        return dev.breakfix.api.Problem.response(jakarta.ws.rs.core.Response.Status.BAD_REQUEST,
                "the body must be JSON like {\"answer\": \"...\"}: " + e.getOriginalMessage());
    }

    private LabKey lab(String scenario) {
        return labs.key(identity.getPrincipal().getName(), scenario);
    }

    /** {@code lang} if given, else the first language of Accept-Language ({@code zh-CN,zh;q=0.9} is zh). */
    static String language(String lang, String acceptLanguage) {
        if (lang != null && !lang.isBlank()) {
            return lang;
        }
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return "en";
        }
        return acceptLanguage.split(",")[0].split(";")[0].strip();
    }
}

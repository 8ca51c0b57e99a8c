package dev.selektor.decision.model;

import dev.selektor.decision.model.compiled.FastPath;
import dev.selektor.decision.model.compiled.GenericCompiler;
import dev.selektor.decision.model.compiled.GenericPath;
import dev.selektor.decision.model.compiled.TableCompiler;
import dev.selektor.decision.model.convention.CampaignConventions;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.io.Resource;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.dmn.feel.util.Either;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.validation.DMNValidator;
import org.kie.dmn.validation.DMNValidatorFactory;
import org.kie.internal.io.ResourceFactory;
import org.w3c.dom.Document;

/**
 * Turns DMN bytes into a {@link DecisionModel}, or refuses them with every problem found: unsafe XML and
 * external functions first (before the engine parses anything), then the DMN schema and model checks of
 * Drools' validator, then compilation, then the decision-table analysis (gaps, overlaps, masked rows) as
 * warnings, then what would let an evaluation cost without bound ({@link UnboundedConstructCheck}), then the
 * campaign conventions.
 */
public final class DecisionModelCompiler {
    /** The size limit for one model file; bigger files are not decision tables a person maintains. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;

    private static final Pattern CUSTOMER_FIELD = Pattern.compile("\\bCustomer\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern RUN_DATE = Pattern.compile("\\bRun Date\\b");

    private final DMNValidator validator = DMNValidatorFactory.newValidator();
    private final boolean compileTables;
    private final long maxIteration;

    public DecisionModelCompiler() {
        this(true, UnboundedConstructCheck.DEFAULT_MAX_ITERATION);
    }

    /**
     * @param compileTables whether campaign tables get their compiled form (off: the engine evaluates everything)
     * @param maxIteration the most iterations one expression may take in one evaluation
     */
    public DecisionModelCompiler(boolean compileTables, long maxIteration) {
        this.compileTables = compileTables;
        this.maxIteration = maxIteration;
    }

    /**
     * @param source where the bytes come from, named in messages (a file name, or a draft)
     * @param requireCampaign whether breaking the campaign conventions is an error (else it is recorded)
     */
    public DecisionModel compile(String source, byte[] content, boolean requireCampaign) {
        if (content.length > MAX_BYTES) {
            throw new ModelRejectedException(
                    source,
                    List.of(ModelProblem.error("file", "is " + content.length + " bytes; the limit is " + MAX_BYTES)));
        }
        Document document = DmnSafetyCheck.read(source, content);
        List<ModelProblem> problems = new ArrayList<>(DmnSafetyCheck.check(document));
        if (!problems.isEmpty()) {
            throw new ModelRejectedException(source, problems);
        }
        List<DMNMessage> validation;
        synchronized (validator) {
            validation = validator.validate(
                    reader(content),
                    DMNValidator.Validation.VALIDATE_SCHEMA,
                    DMNValidator.Validation.VALIDATE_MODEL,
                    DMNValidator.Validation.ANALYZE_DECISION_TABLE);
        }
        for (DMNMessage message : validation) {
            if (message.getMessageType() == org.kie.dmn.api.core.DMNMessageType.DECISION_TABLE_ANALYSIS_EMPTY) {
                continue; // "finished with no messages": nothing to warn about
            }
            problems.add(
                    prioritizedByOtherOutputs(message)
                            ? ModelProblem.warning(
                                    toProblem(message).element(),
                                    message.getMessageType() + ": " + message.getMessage()
                                            + "; the table is prioritized by the outputs that list their values")
                            : toProblem(message));
        }
        if (hasErrors(problems)) {
            throw new ModelRejectedException(source, problems);
        }
        Resource resource = ResourceFactory.newByteArrayResource(content).setSourcePath(source);
        Either<Exception, DMNRuntime> built = DMNRuntimeBuilder.fromDefaults()
                .setRootClassLoader(DecisionModelCompiler.class.getClassLoader())
                .buildConfiguration()
                .fromResources(List.of(resource));
        if (built.isLeft()) {
            String reason = built.cata(Throwable::getMessage, r -> "");
            problems.add(ModelProblem.error("model", "does not compile: " + reason));
            throw new ModelRejectedException(source, problems);
        }
        DMNRuntime runtime = built.getOrElse(null);
        if (runtime.getModels().size() != 1) {
            problems.add(ModelProblem.error("definitions", "one file must hold exactly one DMN model"));
            throw new ModelRejectedException(source, problems);
        }
        DMNModel model = runtime.getModels().get(0);
        for (DMNMessage message : model.getMessages(DMNMessage.Severity.ERROR)) {
            problems.add(toProblem(message));
        }
        if (!hasErrors(problems)) {
            problems.addAll(UnboundedConstructCheck.check(document, maxIteration));
        }
        if (hasErrors(problems)) {
            throw new ModelRejectedException(source, problems);
        }
        List<ModelProblem> campaignProblems = CampaignModelCheck.check(model);
        if (requireCampaign && !campaignProblems.isEmpty()) {
            problems.addAll(campaignProblems);
            throw new ModelRejectedException(source, problems);
        }
        runtime.addListener(MatchedRowsListener.INSTANCE);
        String text = new String(content, StandardCharsets.UTF_8);
        Set<String> fields = new LinkedHashSet<>();
        Matcher matcher = CUSTOMER_FIELD.matcher(text);
        while (matcher.find()) {
            fields.add(matcher.group(1));
        }
        List<String> customerFieldsUsed = CampaignConventions.CUSTOMER_FIELDS.keySet().stream()
                .filter(fields::contains)
                .toList();
        Map<String, List<String>> annotations = rowAnnotations(model);
        FastPath fastPath;
        GenericPath genericPath = compileTables
                ? GenericCompiler.compile(model)
                : new GenericPath.Engine("compiled tables are switched off (selektor.decision.compiled-tables)");
        if (!campaignProblems.isEmpty()) {
            fastPath = new FastPath.Engine("not a campaign model");
        } else if (!compileTables) {
            fastPath = new FastPath.Engine("compiled tables are switched off (selektor.decision.compiled-tables)");
        } else {
            fastPath = TableCompiler.compile(
                    model, (decision, row) -> DecisionModel.annotation(annotations, decision, row));
        }
        return new DecisionModel(
                model.getName(),
                ModelVersion.of(content),
                content.clone(),
                runtime,
                model,
                annotations,
                customerFieldsUsed,
                RUN_DATE.matcher(text).find(),
                model.getDecisionByName(CampaignConventions.PRIORITY) != null,
                List.copyOf(problems),
                List.copyOf(campaignProblems),
                fastPath,
                genericPath);
    }

    private static Map<String, List<String>> rowAnnotations(DMNModel model) {
        Map<String, List<String>> annotations = new LinkedHashMap<>();
        for (DecisionNode decision : model.getDecisions()) {
            if (decision.getDecision().getExpression() instanceof DecisionTable table) {
                List<String> rows = new ArrayList<>(table.getRule().size());
                for (DecisionRule rule : table.getRule()) {
                    String text = rule.getAnnotationEntry().isEmpty()
                            ? null
                            : rule.getAnnotationEntry().get(0).getText();
                    if ((text == null || text.isBlank()) && rule.getDescription() != null) {
                        text = rule.getDescription();
                    }
                    rows.add(text == null ? "" : text.strip());
                }
                annotations.put(decision.getName(), List.copyOf(rows));
            }
        }
        return Map.copyOf(annotations);
    }

    /**
     * The validator wants every output of a PRIORITY table to list its values; the engine, and the DMN TCK, rank
     * rows by the outputs that do, so a table where some output lists them is evaluated correctly and only warned of.
     */
    private static boolean prioritizedByOtherOutputs(DMNMessage message) {
        return message.getMessageType() == org.kie.dmn.api.core.DMNMessageType.MISSING_OUTPUT_VALUES
                && message.getSourceReference() instanceof org.kie.dmn.model.api.OutputClause output
                && output.getParent() instanceof DecisionTable table
                && table.getOutput().stream()
                        .anyMatch(o -> o.getOutputValues() != null
                                && o.getOutputValues().getText() != null
                                && !o.getOutputValues().getText().isBlank());
    }

    private static boolean hasErrors(List<ModelProblem> problems) {
        return problems.stream().anyMatch(p -> p.severity() == ModelProblem.Severity.ERROR);
    }

    private static ModelProblem toProblem(DMNMessage message) {
        String element = message.getSourceId() == null ? "" : "element id " + message.getSourceId();
        if (message.getSourceReference() instanceof org.kie.dmn.model.api.NamedElement named
                && named.getName() != null) {
            element = named.getClass()
                            .getSimpleName()
                            .replace("Impl", "")
                            .replaceFirst("^TDMN", "")
                            .replaceFirst("^T", "")
                    + " \"" + named.getName() + "\"";
        }
        String text = message.getMessageType() + ": " + message.getMessage();
        return new ModelProblem(
                message.getSeverity() == DMNMessage.Severity.ERROR
                        ? ModelProblem.Severity.ERROR
                        : ModelProblem.Severity.WARNING,
                element,
                text,
                TableCellLocator.locate(message.getSourceReference(), message.getMessage()));
    }

    private static java.io.Reader reader(byte[] content) {
        return new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8);
    }
}

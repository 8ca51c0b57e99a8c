package dev.selektor.decision.model.compiled;

/** How a campaign model's decisions are evaluated: by its compiled tables, or by the engine and why. */
public sealed interface FastPath {

    /** Short words for the model description and the start-up log. */
    String describe();

    record Compiled(CompiledCampaignModel model) implements FastPath {
        public String describe() {
            return "compiled: " + model.summary();
        }
    }

    /** @param reason the construct the compiler does not cover, or why the model is no campaign model */
    record Engine(String reason) implements FastPath {
        public String describe() {
            return "engine: " + reason;
        }
    }
}

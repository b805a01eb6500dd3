package dev.acepipe.exec;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.Download;
import dev.acepipe.client.FormatRequest;
import dev.acepipe.client.FormatResult;
import dev.acepipe.client.Health;
import dev.acepipe.client.InitResult;
import dev.acepipe.client.LoraResult;
import dev.acepipe.client.LoraStatus;
import dev.acepipe.client.ModelInfo;
import dev.acepipe.client.ModelInventory;
import dev.acepipe.client.RandomSample;
import dev.acepipe.client.ServerProfile;
import dev.acepipe.client.ServerStats;
import dev.acepipe.client.Submission;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.client.TaskStatus;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * A client that hands every server call on to another client through {@link #call}: the one list of
 * forwards behind the executor's wrapping clients, which differ only in how a call reaches the
 * client that answers it ({@link LazyClient} starts its server first, {@link UnlockedClient} gives
 * up the run's lock). Each says itself what {@link #baseUrl} and {@link #close} mean.
 */
abstract class ForwardingClient implements AceStepClient {

  /** Runs one server call on the client that answers it. */
  abstract <T> T call(Function<AceStepClient, T> call);

  @Override
  public Health health() {
    return call(AceStepClient::health);
  }

  @Override
  public ServerProfile profile() {
    return call(AceStepClient::profile);
  }

  @Override
  public List<ModelInfo> models() {
    return call(AceStepClient::models);
  }

  @Override
  public ModelInventory modelInventory() {
    return call(AceStepClient::modelInventory);
  }

  @Override
  public ServerStats stats() {
    return call(AceStepClient::stats);
  }

  @Override
  public Submission submit(TaskRequest request) {
    return call(c -> c.submit(request));
  }

  @Override
  public Submission submitWithUpload(TaskRequest request, Path localAudio) {
    return call(c -> c.submitWithUpload(request, localAudio));
  }

  @Override
  public Submission submitWithUpload(TaskRequest request, Path source, Path reference) {
    return call(c -> c.submitWithUpload(request, source, reference));
  }

  @Override
  public List<TaskStatus> query(List<String> taskIds) {
    return call(c -> c.query(taskIds));
  }

  @Override
  public Download download(String fileUrl, Path target) {
    return call(c -> c.download(fileUrl, target));
  }

  @Override
  public Download download(String fileUrl, Path target, OutputStream tee) {
    return call(c -> c.download(fileUrl, target, tee));
  }

  @Override
  public boolean probe(String serverPath) {
    return call(c -> c.probe(serverPath));
  }

  @Override
  public FormatResult formatInput(FormatRequest request) {
    return call(c -> c.formatInput(request));
  }

  @Override
  public RandomSample randomSample(String sampleType) {
    return call(c -> c.randomSample(sampleType));
  }

  @Override
  public LoraResult loraLoad(String loraPath, String adapterName) {
    return call(c -> c.loraLoad(loraPath, adapterName));
  }

  @Override
  public LoraResult loraUnload() {
    return call(AceStepClient::loraUnload);
  }

  @Override
  public LoraResult loraToggle(boolean useLora) {
    return call(c -> c.loraToggle(useLora));
  }

  @Override
  public LoraResult loraScale(double scale, String adapterName) {
    return call(c -> c.loraScale(scale, adapterName));
  }

  @Override
  public LoraStatus loraStatus() {
    return call(AceStepClient::loraStatus);
  }

  @Override
  public InitResult initModel(String model, Integer slot) {
    return call(c -> c.initModel(model, slot));
  }
}

using System.Diagnostics;
using System.Reflection;
using MedifyAI.Api.Health;
using MedifyAI.Api.Hosting;
using MedifyAI.Silo.Hosting;
using YamlDotNet.RepresentationModel;
using static MedifyAI.Tests.Deployment.KubernetesManifests;

namespace MedifyAI.Tests.Deployment;

/// <summary>
/// The manifests under k8s/ agree with the application: ports, labels and selectors, probe paths, and
/// environment variable names that bind to real configuration keys.
/// </summary>
public sealed class KubernetesManifestTests
{
    private const string Namespace = "medifyai";
    private const int ManagementPort = 8081;
    private const int ApiPort = 8080;

    private readonly KubernetesManifests _manifests = Load();

    [Fact]
    public void Manifests_AllParseWithKindAndName()
    {
        Assert.NotEmpty(_manifests.Documents);
        foreach (var (file, document) in _manifests.Documents)
        {
            Assert.False(string.IsNullOrEmpty(Text(document, "apiVersion")), $"{file} has no apiVersion.");
            Assert.False(string.IsNullOrEmpty(Text(document, "kind")), $"{file} has no kind.");
            if (Text(document, "kind") is "Kustomization")
            {
                continue;
            }

            Assert.False(string.IsNullOrEmpty(Text(document, "metadata", "name")), $"{file} has no metadata.name.");
            if (Text(document, "kind") is not "Namespace")
            {
                Assert.Equal(Namespace, Text(document, "metadata", "namespace"));
            }
        }
    }

    [Fact]
    public void Kustomization_ListsEveryManifest()
    {
        var kustomization = _manifests.Documents.Single(entry => Text(entry.Document, "kind") == "Kustomization").Document;
        var listed = ((YamlSequenceNode)Node(kustomization, "resources")!).Children
            .Select(node => ((YamlScalarNode)node).Value!)
            .Order(StringComparer.Ordinal);
        var files = _manifests.Documents.Select(entry => entry.File)
            .Where(file => file != "kustomization.yaml")
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(files, listed);
    }

    [Fact]
    public void Selectors_MatchPodLabels()
    {
        var silo = _manifests.Single("Deployment", "medifyai-silo");
        var api = _manifests.Single("Deployment", "medifyai-api");
        var siloPodLabels = Labels(silo, "spec", "template", "metadata", "labels");
        var apiPodLabels = Labels(api, "spec", "template", "metadata", "labels");

        AssertSelects(Labels(silo, "spec", "selector", "matchLabels"), siloPodLabels, "silo Deployment");
        AssertSelects(Labels(api, "spec", "selector", "matchLabels"), apiPodLabels, "API Deployment");
        AssertSelects(Labels(_manifests.Single("PodDisruptionBudget", "medifyai-silo"), "spec", "selector", "matchLabels"), siloPodLabels, "PodDisruptionBudget");
        AssertSelects(Labels(_manifests.Single("Service", "medifyai-api"), "spec", "selector"), apiPodLabels, "API Service");
        AssertSelects(Labels(_manifests.Single("NetworkPolicy", "medifyai-silo"), "spec", "podSelector", "matchLabels"), siloPodLabels, "NetworkPolicy");

        var hpa = _manifests.Single("HorizontalPodAutoscaler", "medifyai-api");
        Assert.Equal("Deployment", Text(hpa, "spec", "scaleTargetRef", "kind"));
        Assert.Equal("medifyai-api", Text(hpa, "spec", "scaleTargetRef", "name"));
    }

    [Fact]
    public void SiloDeployment_PortsAndProbesMatchSettings()
    {
        var silo = _manifests.Single("Deployment", "medifyai-silo");
        var container = Items(silo, "spec", "template", "spec", "containers").Single();
        var ports = Items(container, "ports").ToDictionary(port => Text(port, "name")!, port => int.Parse(Text(port, "containerPort")!));
        var environment = EnvironmentOf(container, _manifests);
        var defaults = new ClusterSettings();

        Assert.Equal(int.Parse(environment["MedifyAI__Cluster__SiloPort"]), ports["silo"]);
        Assert.Equal(int.Parse(environment["MedifyAI__Cluster__GatewayPort"]), ports["gateway"]);
        Assert.Equal(defaults.SiloPort, ports["silo"]);
        Assert.Equal(defaults.GatewayPort, ports["gateway"]);
        Assert.Equal(ManagementPort, ports["management"]);
        Assert.Equal($"http://0.0.0.0:{ManagementPort}", environment["MedifyAI__ManagementUrls__0"]);
        Assert.Equal(new Uri(SiloSettings.DefaultManagementUrl).Port, ports["management"]);
        Assert.Equal("false", environment["MedifyAI__HostApi"]);
        Assert.Equal(nameof(ClusteringProvider.AdoNet), environment["MedifyAI__Cluster__Clustering"]);

        Assert.Equal(HealthEndpoints.ReadyPath, Text(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal(HealthEndpoints.LivePath, Text(container, "livenessProbe", "httpGet", "path"));
        Assert.Equal("management", Text(container, "readinessProbe", "httpGet", "port"));
        Assert.Equal("management", Text(container, "livenessProbe", "httpGet", "port"));
    }

    [Fact]
    public void SiloDeployment_UsesDownwardApiForIdentity()
    {
        var container = Items(_manifests.Single("Deployment", "medifyai-silo"), "spec", "template", "spec", "containers").Single();
        var env = Items(container, "env").ToDictionary(item => Text(item, "name")!);

        Assert.Equal("status.podIP", Text(env["POD_IP"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("metadata.name", Text(env["POD_NAME"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("$(POD_IP)", Text(env["MedifyAI__Cluster__AdvertisedAddress"], "value"));
        Assert.Equal("$(POD_NAME)", Text(env["MedifyAI__Cluster__SiloName"], "value"));
        Assert.Equal("medifyai-postgres", Text(env["MedifyAI__Cluster__ConnectionString"], "valueFrom", "secretKeyRef", "name"));
    }

    [Fact]
    public void SiloDeployment_GracePeriodExceedsShutdownTimeout()
    {
        var silo = _manifests.Single("Deployment", "medifyai-silo");
        var container = Items(silo, "spec", "template", "spec", "containers").Single();
        var shutdownTimeout = TimeSpan.Parse(EnvironmentOf(container, _manifests)["MedifyAI__ShutdownTimeout"]);
        var gracePeriod = TimeSpan.FromSeconds(int.Parse(Text(silo, "spec", "template", "spec", "terminationGracePeriodSeconds")!));

        Assert.True(gracePeriod >= shutdownTimeout + TimeSpan.FromSeconds(10),
            $"terminationGracePeriodSeconds ({gracePeriod}) leaves less than 10 s beyond the shutdown timeout ({shutdownTimeout}).");
        Assert.Equal(new SiloSettings().ShutdownTimeout, shutdownTimeout);
    }

    [Fact]
    public void ApiDeployment_PortsAndProbesMatch()
    {
        var api = _manifests.Single("Deployment", "medifyai-api");
        var container = Items(api, "spec", "template", "spec", "containers").Single();
        var port = Items(container, "ports").Single();
        var environment = EnvironmentOf(container, _manifests);
        var service = _manifests.Single("Service", "medifyai-api");

        Assert.Equal(ApiPort, int.Parse(Text(port, "containerPort")!));
        Assert.Equal($"http://0.0.0.0:{ApiPort}", environment["ASPNETCORE_URLS"]);
        Assert.Equal(HealthEndpoints.ReadyPath, Text(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal(HealthEndpoints.LivePath, Text(container, "livenessProbe", "httpGet", "path"));
        Assert.Equal(Text(port, "name"), Text(Items(service, "spec", "ports").Single(), "targetPort"));
        Assert.Equal("LoadBalancer", Text(service, "spec", "type"));
        Assert.Equal("external", Text(service, "metadata", "annotations", "service.beta.kubernetes.io/aws-load-balancer-type"));
        Assert.Equal(HealthEndpoints.ReadyPath, Text(service, "metadata", "annotations", "service.beta.kubernetes.io/aws-load-balancer-healthcheck-path"));
    }

    [Fact]
    public void EnvironmentNames_BindToRealSettings()
    {
        var known = KnownConfigurationKeys();
        var names = _manifests.Documents
            .SelectMany(entry => Items(entry.Document, "spec", "template", "spec", "containers"))
            .SelectMany(container => Items(container, "env").Select(item => Text(item, "name")!))
            .Concat(Labels(_manifests.Single("ConfigMap", "medifyai-cluster"), "data").Keys)
            .Where(name => name.StartsWith("MedifyAI__", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            var key = name.Replace("__", ":", StringComparison.Ordinal);
            Assert.True(known.Contains(key), $"Environment variable {name} binds to '{key}', which no settings class defines.");
        }
    }

    [Fact]
    public void ServiceAccount_HasIrsaRole()
    {
        var account = _manifests.Single("ServiceAccount", "medifyai");
        var role = Text(account, "metadata", "annotations", "eks.amazonaws.com/role-arn");

        Assert.StartsWith("arn:aws:iam::", role);
        foreach (var (kind, name) in new[] { ("Deployment", "medifyai-silo"), ("Deployment", "medifyai-api"), ("Job", "medifyai-schema-migration") })
        {
            Assert.Equal("medifyai", Text(_manifests.Single(kind, name), "spec", "template", "spec", "serviceAccountName"));
        }
    }

    [Fact]
    public void NetworkPolicy_KeepsSiloPortsInside()
    {
        var policy = _manifests.Single("NetworkPolicy", "medifyai-silo");
        var rules = Items(policy, "spec", "ingress").ToList();
        var openedPorts = rules.SelectMany(rule => Items(rule, "ports")).Select(port => int.Parse(Text(port, "port")!)).ToHashSet();

        Assert.Equal(new HashSet<int> { 11111, 30000, ManagementPort }, openedPorts);
        foreach (var rule in rules)
        {
            var sources = Items(rule, "from").ToList();
            Assert.NotEmpty(sources);
            Assert.All(sources, source => Assert.Null(Node(source, "ipBlock")));
        }

        var services = _manifests.Documents.Where(entry => Text(entry.Document, "kind") == "Service");
        var servicePorts = services.SelectMany(entry => Items(entry.Document, "spec", "ports")).Select(port => Text(port, "targetPort"));
        Assert.DoesNotContain("management", servicePorts);
        Assert.DoesNotContain(ManagementPort.ToString(), servicePorts);
    }

    [Fact]
    public void MigrationJob_RunsMigrateCommand()
    {
        var job = _manifests.Single("Job", "medifyai-schema-migration");
        var container = Items(job, "spec", "template", "spec", "containers").Single();
        var silo = Items(_manifests.Single("Deployment", "medifyai-silo"), "spec", "template", "spec", "containers").Single();

        Assert.Equal(Silo.Clustering.MigrationCommand.Name, ((YamlScalarNode)((YamlSequenceNode)Node(container, "args")!).Children[0]).Value);
        Assert.Equal(Text(silo, "image"), Text(container, "image"));
        Assert.Contains("MedifyAI__Cluster__ConnectionString", EnvironmentOf(container, _manifests).Keys);
    }

    /// <summary>
    /// Renders the manifests with <c>kubectl kustomize</c>, which parses every resource without a cluster.
    /// kubectl is a test requirement (scripts/install-test-services.sh installs it); a missing kubectl fails.
    /// </summary>
    [Fact]
    public async Task Kubectl_RendersAllManifests()
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(KubernetesManifests.Directory);

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"kubectl kustomize failed: {error}");
        var rendered = output.Split('\n').Count(line => line.StartsWith("kind: ", StringComparison.Ordinal));
        Assert.Equal(_manifests.Documents.Count(entry => Text(entry.Document, "kind") != "Kustomization"), rendered);
    }

    private static void AssertSelects(Dictionary<string, string> selector, Dictionary<string, string> labels, string what)
    {
        Assert.NotEmpty(selector);
        foreach (var (key, value) in selector)
        {
            Assert.True(labels.TryGetValue(key, out var actual), $"The {what} selector key {key} is missing from the pod labels.");
            Assert.Equal(value, actual);
        }
    }

    /// <summary>The container's environment: its ConfigMap references first, then its own env entries.</summary>
    private static Dictionary<string, string> EnvironmentOf(YamlNode container, KubernetesManifests manifests)
    {
        var environment = new Dictionary<string, string>();
        foreach (var source in Items(container, "envFrom"))
        {
            var configMap = Text(source, "configMapRef", "name")!;
            foreach (var (key, value) in Labels(manifests.Single("ConfigMap", configMap), "data"))
            {
                environment[key] = value;
            }
        }

        foreach (var item in Items(container, "env"))
        {
            environment[Text(item, "name")!] = Text(item, "value") ?? "(from " + (Node(item, "valueFrom") is YamlMappingNode from ? ((YamlScalarNode)from.Children.Keys.First()).Value : "?") + ")";
        }

        return environment;
    }

    /// <summary>Configuration keys the settings classes bind, such as <c>MedifyAI:Cluster:SiloName</c>.</summary>
    private static HashSet<string> KnownConfigurationKeys()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in typeof(SiloSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            keys.Add($"{SiloSettings.SectionName}:{property.Name}");
            if (property.PropertyType.IsArray)
            {
                keys.Add($"{SiloSettings.SectionName}:{property.Name}:0");
            }
        }

        foreach (var property in typeof(ClusterSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            keys.Add($"{ClusterSettings.SectionName}:{property.Name}");
        }

        return keys;
    }
}

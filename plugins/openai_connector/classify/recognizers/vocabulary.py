"""Word lists for PERSON evidence: capitalised words in chats that are not people's names.

Chats with an assistant are full of software, services and instructions, and a small NER
model takes many of their names for people. The lists hold words as written (case matters).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Software, services, companies and assistants that appear capitalised in technical chats.
PRODUCTS = _words(
    """
    Airflow Alexa Android Angular Ansible Apache Argo Artifactory Asana Athena Atlas Aurora
    Azure Babel Bamboo Bash Bazel BigQuery Bitbucket Bitwarden Blender Bootstrap Buildkite
    Cassandra Celery Chef Chrome Chromium Circle CircleCI Claude Clickhouse Cloudflare
    Cloudfront Cobol Confluence Consul Copilot Cortana Cosmos Crystal Cucumber Cypress Dagster
    Dart Databricks Datadog Debian Deno Django Docker Drupal Dynamo DynamoDB Eclipse Edge
    Elastic Elasticsearch Electron Elixir Ember Envoy Erlang Excel Express Fargate FastAPI
    Fedora Figma Firebase Firefox Flask Flink Fluentd Flutter Gatsby Gemini Git GitHub GitLab
    Gmail Gradle Grafana Graphite Groovy Gunicorn Hadoop Haskell Helm Heroku Hive Homebrew
    Hugo Hyperion Ingress Istio Java JavaScript Jekyll Jenkins Jest Jira Julia Jupyter Kafka
    Karma Keras Kibana Kinesis Kotlin Kubernetes Lambda Laravel Linux Llama Logstash Looker
    Lucene Magento Mailchimp Mariadb MariaDB Maven Memcached Mercurial Meteor Mistral Mocha
    Mongo MongoDB Mongoose Mysql MySQL Nagios Neo4j Netlify Nginx Nextjs Nomad Notion Npm
    Numpy NumPy Nuxt Okta Ollama Opsgenie Oracle Outlook Packer Pagerduty PagerDuty Pandas
    Perl Phoenix Photoshop Php Pinecone Pip Playwright Podman Polars Postgres PostgreSQL Postman
    PowerShell Prefect Prometheus Puppet Pulumi Pydantic PyPI Pytest Python PyTorch Quarkus
    Rails Rancher React Redis Redshift Redux Ruby Rust Safari Salesforce Sass Scala Selenium
    Sentry ServiceNow Sharepoint SharePoint Sidekiq Siri Sketch Slack Snowflake Snyk Solr
    Spark Splunk Spring Sqlite SQLite Stripe Sublime Superset Svelte Swift Tableau Tailwind
    Teams Tekton Tensorflow TensorFlow Terraform Tomcat Traefik Trello Twilio TypeScript
    Ubuntu Unity Vagrant Vault Vercel Vim Vite Vue Webpack Windows Wordpress WordPress Xcode
    Yarn Zapier Zendesk Zoom Zookeeper ChatGPT OpenAI Anthropic Google Microsoft Amazon
    Apple Meta Netflix Uber Airbnb Shopify Dropbox Atlassian Oracle IBM Intel Nvidia AMD
    """
)
# Capitalised words that open chat requests, greet, or name times and things.
COMMON_WORDS = _words(
    """
    Hi Hello Hey Dear Thanks Thank Cheers Regards Best Kind Sincerely Welcome Bye Congrats
    Team All Everyone Folks Guys World Again Sir Madam Hiring Manager Customer Client User
    Admin Support Sales Legal Finance Engineering Marketing Ops Devops DevOps Security
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Tomorrow Yesterday
    January February March July September October November December Christmas Easter
    Thanksgiving Halloween Diwali Ramadan Eid Hanukkah Passover Holi Lent Advent
    Please Can Could Would Should Write Rewrite Draft Summarize Summarise Translate Explain
    Compare Check Debug Deploy Fix Review Reply Send Create Update Delete Add Remove Make
    Give Show List Find Help Tell Ask Let Use Set Run Build Test Order Config Checkout
    Settings Error Warning Note Notes Summary Subject Re Fwd Invoice Receipt Ticket Issue
    Yes No Okay Ok Sure Sorry Great Cool Nice Awesome Perfect Also Then However Maybe Why
    What When Where Who How Which Here There This That These Those Our Your My The And
    Dashboard Report Meeting Agenda Project Roadmap Sprint Backlog Release Version Beta
    Prod Production Staging Dev Server Client Cluster Database Pipeline Service Bot Agent
    Subnet Netmask Gateway Router Firewall Proxy Route
    Assistant Model Prompt Token Key Secret Password Login Logout Signup Profile Account
    Name Phone Mobile Cell Tel Fax Email Mail Address Street City Country Zip Company Title
    Website Date Time Amount Total Reference Status Type Role Department Location Notes
    Unknown Anonymous Unassigned Nobody Someone Platform Infra Infrastructure Backend Frontend
    Data Core Growth Web Qa QA Triage Oncall
    """
)
NON_NAMES = PRODUCTS | COMMON_WORDS
# Given names that are also common English words, read as words in some positions.
WORD_NAMES = _words(
    """
    Will Bill Mark Grace Hope Faith Joy Rose Summer Hunter Page Dawn Jack Amber June April
    May Ivy Victor Chase Sky Angel Rich Sue Pat Art Frank Earnest Sunny Destiny Autumn
    Iris Ruby Pearl Jade Penny Robin Holly Lily Violet Skip Buck Drew Guy Gene Rusty
    """
)
# Stand-in surnames of forms and documentation: John Doe, Joe Bloggs, Max Mustermann.
PLACEHOLDER_SURNAMES = frozenset({"Doe", "Roe", "Bloggs", "Mustermann", "Musterfrau", "Public"})
# The cast of cryptography and protocol examples; named together, they are nobody.
PLACEHOLDER_CAST = frozenset({"Alice", "Bob", "Carol", "Dave", "Eve", "Mallory", "Trent"})
# Lower-case parts of surnames: "da Silva", "van der Berg", "bin Salman".
NAME_PARTICLES = frozenset(
    {"de", "da", "das", "do", "dos", "di", "del", "della", "der", "den", "van", "von", "zu",
     "le", "la", "du", "bin", "binti", "ibn", "al", "el", "ter", "ten", "y", "Ó", "Ní", "Nic",
     "Uí", "Mac"}
)  # fmt: skip
# A gazetteer of given names and surnames common across the countries of a global workforce,
# written lower-case and transliterated, for names typed in lower case ("maria gonzalez").
# Names that are also everyday words or places (will, grace, jordan, paris) are left out:
# in lower case nothing tells them apart.
GIVEN_NAMES = _words(
    """
    aaliyah aarav abdullah abena abhishek adebayo adriana agnieszka ahmed aisha akira
    alejandro aleksandra alessandro alexander alexandra alicia alina amanda amelia amina
    amit ana anastasia andrea andreas andrei andrew aneesh angela anil anita anjali ankit
    anna anne antonio arjun ashley aylin ayumi barbara beatriz benjamin bjorn camila carlos
    carmen catherine chen chiamaka chidi chloe christina christopher claudia daniel daniela
    david deepak deepika diego dimitri divya dmitri eduardo elena elif elizabeth emily emma
    emre esther fatima fatma felipe fernanda fernando francesca francesco gabriel gabriela
    giorgos giovanni giulia giuseppe guadalupe gustavo hamza hana hannah haruto hassan
    hiroshi hyun ibrahim ines ingrid irina isabel isabella ivan jakub javier jennifer
    jessica jiho jin joao jose joseph juan julia jurgen kamala karim katarzyna kateryna
    kenji kevin khalid kim kofi krishna kwame lakshmi laura leila lucas lucia luis luka
    magdalena mariam mariana marek maria marta martina matteo mehmet mei mia michael
    michelle mikhail ming mohamed mohammed muhammad nadia natalia natasha neha ngozi
    nikhil nikolai nina noura nuno oksana olga oliver olivia oluwaseun omar paolo patricia
    paulo pedro pierre piotr pooja priya rafael rahul raj rajesh ramon ravi rebecca ricardo
    roberto rohan rosa sakura samuel sandeep sanjay sara sarah sebastian sergei shreya
    siddharth sofia sophie stefan sunil svetlana takeshi tanvi tariq tatiana thabo thomas
    tomasz valentina vanessa vikram vladimir wei wojciech xiaoling xin yan yasmin yuki
    yusuf zainab zhang zoltan siobhan niamh ciaran sven soren luca amelie rachel ewa ananya
    min-jun seo-yeon ayse bartlomiej leilani jiwoo minho hyejin aiko haruka ren yuto
    oluwadamilare chinedu folake amara kemi tunde zanele sipho lerato nomvula bongani
    mateus thiago larissa leticia mateo valeria ximena santiago lorena agustina
    fiona aoife liam sean declan mairead ingeborg astrid lars nils freya johanna henrik
    """
)
SURNAMES = _words(
    """
    abe acharya adeyemi agarwal ahmed akhtar ali alvarez anderson andersson antonov banerjee
    bauer becker bianchi bose cao castillo castro chan chandra chatterjee chaudhary chen
    cheng chowdhury colombo costa cruz da-silva das dasgupta delgado diaz dubois dumont
    duarte eriksson esposito fernandes fernandez ferrari fischer fonseca garcia gomez gonzalez
    gonzales gupta gutierrez haddad hansen hernandez hoffmann horvat hossain hu huang ibrahim
    ito ivanov iyer jain jansen jimenez johansson johnson kaur khan kim kobayashi kowalski
    kozlov krishnan kumar kuznetsov lambert larsen lee li lim lin liu lopez lu ma malik
    martin martinez mehta mendoza menon meyer mishra molina morales moreno muller murphy
    nair nakamura navarro nguyen nielsen novak nowak obi oconnor okafor okonkwo olsen
    oliveira ortiz ozturk pandey park patel pereira perez petrov pham popescu rahman ramirez
    ramos rao reddy reyes ricci rodrigues rodriguez romero rossi rubio russo saito sanchez
    santos sato schmidt schneider schulz sharma shah silva singh smith sokolov suarez
    suzuki tanaka tran torres vargas vasquez verma volkov wagner walker wang watanabe weber
    williams wilson wojcik wu xu yadav yamamoto yang yilmaz yoshida zhang zhao zhou zhu
    lindqvist lindberg lundgren moreau mensah obrien o'brien macleod mcdonald ivanova
    abubakar nkosi dlamini hassan vries silva souza gomes barbosa carvalho ribeiro
    johnson jones davis miller taylor thomas moore jackson thompson harris robinson
    clark lewis wright scott adams nelson campbell mitchell roberts carter phillips
    evans turner parker collins edwards stewart morris murray kelly byrne ryan walsh
    """
)
# Surnames that are also everyday words: a name only right after a known given name
# ("maria brown"), never on their own.
WORD_SURNAMES = _words(
    """
    baker cook young brown green hill wood stone fisher bell rivers white black king ward
    hall price long fox hunt lane north west rich gold park may rose bush miller mason
    carpenter taylor shepherd booth wolf
    """
)
# Lower-case words of dates and times, which spaCy's NER reports (for the NER gate).
DATE_WORDS = _words(
    """
    today tonight tomorrow yesterday morning mornings afternoon afternoons evening evenings
    night nights noon midnight day days daily week weeks weekly weekend weekends fortnight
    month months monthly year years yearly annual annually quarter quarters quarterly hour
    hours hourly minute minutes second seconds decade decades century centuries ago spring
    summer autumn fall winter holiday holidays eve
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec
    """
)
# Words that open a sentence or clause in chats with an assistant and name nothing:
# requests, greetings, discourse words (for the NER gate; unknown openers may be names).
CLAUSE_OPENERS = _words(
    """
    write draft summarize summarise explain give help make translate compare proofread
    suggest fix add port review continue thanks thank perfect ok okay yes sure hi hey
    hello great good nice cool awesome quick turn create generate list show find check
    update remove delete rewrite convert format improve shorten expand describe tell ask
    send reply respond answer let use change keep plan prepare outline analyze analyse
    calculate estimate sort clean fill look run test debug refactor optimize optimise
    implement design build define choose recommend provide share act imagine pretend assume
    consider note action actions items several many most some each every both all any few
    first second third next last finally also then now however therefore but so maybe
    please sorry oops wait hmm actually again more less shorter longer why what how when
    where who which whose whether if is are was were do does did can could would should
    shall might must have has had am be been being the a an this that these those it its
    there here they we you he she my our your their his her step tip warning error question
    summary context background goal task problem issue example input output result results
    focus include avoid mention start stop try follow put set get take
    agreed it's i'm i've i'd i'll we're we've you're that's there's let's don't doesn't
    can't won't isn't aren't didn't
    """
)
